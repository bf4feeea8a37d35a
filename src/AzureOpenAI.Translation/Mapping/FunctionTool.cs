using System.Text.Json;
using AzureOpenAI.Translation.Mapping;

namespace AzureOpenAI.Translation.Mapping;

/// <summary>
/// A function tool, the same for both APIs (Chat nests it under <c>function</c>, Responses writes it flat).
/// <paramref name="Parameters"/> is the client's input_schema, kept as the parsed element and cleaned when it is first
/// written (<see cref="WriteParameters"/>); later turns sending the same schema reuse that cleaning.
/// </summary>
internal sealed record FunctionTool(string Name, string? Description, JsonElement Parameters, ToolSchemaDialect Dialect = ToolSchemaDialect.OpenAI)
{
    /// <summary>
    /// Writes <see cref="Parameters"/> as the upstream accepts them (<see cref="ToolSchemaCleaner"/>), into a writer with
    /// <see cref="WireJson.WriterOptions"/>, as every upstream body is written.
    /// </summary>
    public void WriteParameters(Utf8JsonWriter writer) =>
        writer.WriteRawValue(CleanedSchemaCache.Shared.Get(Parameters, Dialect), skipInputValidation: true);
}

/// <summary><c>tool_choice</c>: a mode (<c>auto</c>, <c>required</c>, <c>none</c>) or a named function.</summary>
internal sealed record FunctionToolChoice(string? Mode, string? FunctionName)
{
    public static FunctionToolChoice ForMode(string mode) => new(mode, null);
    public static FunctionToolChoice ForFunction(string name) => new(null, name);
}
