using System.Text.Json;
using System.Text.Json.Nodes;

namespace AzureOpenAI.Proxy.Configuration;

/// <summary>
/// The one reader of Claude Code's settings.json (the user's and the project's): one parse, and one rule for values.
/// A string, a number or a boolean reads as text: <c>"8082"</c> and <c>8082</c> both as <c>8082</c>, <c>true</c> as
/// <c>true</c>. Null, objects and arrays are not values. Comments and trailing commas are not JSON here: such a file
/// reads as absent and is never rewritten (<see cref="ClaudeSettingsFile"/>).
/// </summary>
internal static class ClaudeSettingsJson
{
    private static readonly JsonDocumentOptions Strict = new() { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>Parses <paramref name="text"/>; throws <see cref="JsonException"/> when it is not strict JSON.</summary>
    public static JsonNode? Parse(string text) => JsonNode.Parse(text, documentOptions: Strict);

    /// <summary>
    /// The root object of the file at <paramref name="path"/>, or null when it is missing, unreadable, not JSON or not
    /// an object: a settings.json that cannot be read is Claude Code's problem before it is ours, so readers skip it.
    /// </summary>
    public static JsonObject? TryRead(string path)
    {
        try
        {
            return File.Exists(path) ? Parse(File.ReadAllText(path)) as JsonObject : null;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>A value as text (see the class summary), or null when <paramref name="node"/> is not a value.</summary>
    public static string? Text(JsonNode? node) => node is not JsonValue value ? null : value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.Number => value.ToJsonString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    /// <summary>Each key of <paramref name="block"/> whose value reads as text, with that text.</summary>
    public static Dictionary<string, string> Texts(JsonObject? block)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (block is null) return values;
        foreach (var (key, node) in block)
            if (Text(node) is { } text) values[key] = text;
        return values;
    }
}
