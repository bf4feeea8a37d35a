using System.Text.Json;

namespace AzureOpenAI.Translation.OpenAI;

/// <summary>
/// A <c>{type:"function"}</c> tool. <paramref name="Parameters"/> is the client's input_schema, kept as the parsed
/// element and cleaned while it is written, so the schema is never copied or parsed again.
/// </summary>
internal sealed record ChatTool(string Name, string? Description, JsonElement Parameters);

/// <summary><c>tool_choice</c>: a mode (<c>auto</c>, <c>required</c>, <c>none</c>) or a named function.</summary>
internal sealed record ChatToolChoice(string? Mode, string? FunctionName)
{
    public static ChatToolChoice ForMode(string mode) => new(mode, null);
    public static ChatToolChoice ForFunction(string name) => new(null, name);
}
