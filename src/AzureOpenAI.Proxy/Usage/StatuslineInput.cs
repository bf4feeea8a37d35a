using System.Text.Json;

namespace AzureOpenAI.Proxy.Usage;

/// <summary>
/// The fields of Claude Code's statusline JSON (stdin) that the line uses: the session, the model, and how full the
/// context window is (<c>context_window.used_percentage</c>, else computed from <c>current_usage</c>). Anything
/// missing or malformed reads as unknown: the statusline must print something whatever it is given.
/// </summary>
internal sealed record StatuslineInput(string? SessionId, string? ModelId, string? ModelName, double? ContextUsedPercent)
{
    public static StatuslineInput Empty { get; } = new(null, null, null, null);

    public static StatuslineInput Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return Empty;
            var model = Property(root, "model");
            var context = Property(root, "context_window");
            return new StatuslineInput(
                Text(Property(root, "session_id")),
                Text(Property(model, "id")),
                Text(Property(model, "display_name")),
                Number(Property(context, "used_percentage")) ?? ComputedPercent(context));
        }
        catch (JsonException)
        {
            return Empty;
        }
    }

    /// <summary>What Claude Code counts as used: input plus cache reads and writes of the latest call, over the window.</summary>
    private static double? ComputedPercent(JsonElement? context)
    {
        var size = Number(Property(context, "context_window_size"));
        var usage = Property(context, "current_usage");
        if (size is not > 0 || usage is null) return null;
        var used = (Number(Property(usage, "input_tokens")) ?? 0) + (Number(Property(usage, "cache_creation_input_tokens")) ?? 0)
                   + (Number(Property(usage, "cache_read_input_tokens")) ?? 0);
        return used / size.Value * 100;
    }

    private static JsonElement? Property(JsonElement? element, string name) =>
        element is { ValueKind: JsonValueKind.Object } obj && obj.TryGetProperty(name, out var value) ? value : null;

    private static string? Text(JsonElement? element) =>
        element is { ValueKind: JsonValueKind.String } value && value.GetString() is { Length: > 0 } text ? text : null;

    private static double? Number(JsonElement? element) =>
        element is { ValueKind: JsonValueKind.Number } value && value.TryGetDouble(out var number) ? number : null;
}
