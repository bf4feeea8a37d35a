namespace AzureOpenAI.TestSupport.Specs;

/// <summary>One schema violation: where in the instance (JSON Pointer), where in the schema, and what is wrong.</summary>
public sealed record SpecError(string InstancePath, string SchemaPath, string Message)
{
    public override string ToString() => $"{(InstancePath.Length == 0 ? "(root)" : InstancePath)}: {Message}  [schema {SchemaPath}]";
}
