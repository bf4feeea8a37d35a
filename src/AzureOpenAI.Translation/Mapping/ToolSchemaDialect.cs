namespace AzureOpenAI.Translation.Mapping;

/// <summary>Which JSON Schema a provider's function-tool validator accepts (<see cref="ToolSchemaCleaner"/>).</summary>
public enum ToolSchemaDialect
{
    /// <summary>
    /// OpenAI and Azure OpenAI: besides the common cleaning, regex <c>pattern</c>s are limited to what their validator
    /// compiles, <c>$ref</c>/<c>$defs</c> are inlined, the root holds no <c>oneOf</c>/<c>anyOf</c>/<c>allOf</c>/<c>enum</c>/<c>not</c>,
    /// and very long <c>enum</c>s are dropped.
    /// </summary>
    OpenAI,

    /// <summary>Other OpenAI-compatible servers (Ollama, vLLM, LiteLLM, DeepSeek, …): the common cleaning only.</summary>
    Compatible,
}
