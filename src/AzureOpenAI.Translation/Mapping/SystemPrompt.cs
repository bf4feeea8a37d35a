using System.Text.Json;

namespace AzureOpenAI.Translation.Mapping;

/// <summary>
/// Collects the one upstream system message: the top-level <c>system</c> (string or text blocks) followed by the
/// <c>role:"system"</c> entries of <c>messages[]</c> that precede the first assistant turn (<see cref="MidConversationSystem"/>).
/// Their <c>tool_addition</c>/<c>tool_removal</c> blocks change the <see cref="EffectiveToolSet"/> and are never text.
/// </summary>
internal static class SystemPrompt
{
    private const string Separator = "\n\n";

    /// <summary>
    /// Claude Code's first system block, <c>x-anthropic-billing-header: cc_version=…;</c>, is attribution for
    /// Anthropic's billing, meaningless to another model, and (before 2.1.181 it carried a per-request token) it
    /// changes the first bytes of the prompt, which defeats the upstream's automatic prefix caching. It is dropped.
    /// </summary>
    private const string BillingHeaderPrefix = "x-anthropic-billing-header:";

    /// <summary>Appends the text of a <c>system</c> value or of a system message's content to <paramref name="pieces"/>.</summary>
    public static void AppendTo(List<string> pieces, JsonElement content, FieldPath path, string field, EffectiveToolSet tools)
    {
        switch (content.ValueKind)
        {
            case JsonValueKind.Undefined or JsonValueKind.Null:
                return;
            case JsonValueKind.String:
                AppendText(pieces, content.GetString()!);
                return;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var block in content.EnumerateArray())
                {
                    var blockPath = path.Root == "system" ? FieldPath.SystemBlock(index) : path.AtBlock(index);
                    var type = ContentBlocks.TypeOf(block, blockPath);
                    if (type == "text") AppendText(pieces, ContentBlocks.RequiredString(block, "text", blockPath));
                    else if (type is "tool_addition" or "tool_removal") tools.Change(block, type);
                    else if (UnknownBlocks.StandIn(block, type) is { } standIn) AppendText(pieces, standIn);
                    index++;
                }
                return;
            default:
                throw ContentBlocks.Invalid(field, "expected a string or an array of text blocks");
        }
    }

    /// <summary>The system message text, or null when there is none.</summary>
    public static string? Join(List<string> pieces) => pieces.Count == 0 ? null : string.Join(Separator, pieces);

    private static void AppendText(List<string> pieces, string text)
    {
        if (text.Length == 0 || text.StartsWith(BillingHeaderPrefix, StringComparison.Ordinal)) return;
        pieces.Add(text);
    }
}
