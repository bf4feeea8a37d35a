using System.Text.Json;

namespace AzureOpenAI.Translation.Mapping;

/// <summary>
/// The rule for a content block the translator does not know (<see cref="KnownShapes.UnknownBlockRule"/>): its string
/// <c>text</c>, when it has one, stands in for it; otherwise it is dropped. Known blocks a role has no use for (server
/// tool results, <c>redacted_thinking</c>, …) are dropped by their own rule, never turned into text.
/// </summary>
internal static class UnknownBlocks
{
    /// <summary>The text that stands in for a block of <paramref name="type"/>, or null when it is dropped.</summary>
    public static string? StandIn(JsonElement block, string type)
    {
        if (KnownShapes.IsKnown(ShapeKind.Block, type)) return type == "compaction" ? CompactionSummary(block) : null;
        return block.TryGetProperty("text"u8, out var text) && text.ValueKind == JsonValueKind.String && text.GetString() is { Length: > 0 } value
            ? value
            : null;
    }

    /// <summary>A compaction block holds the summary of the context it replaced (null when compaction failed).</summary>
    private static string? CompactionSummary(JsonElement block) =>
        block.TryGetProperty("content"u8, out var content) && content.ValueKind == JsonValueKind.String && content.GetString() is { Length: > 0 } value
            ? value
            : null;
}
