namespace AzureOpenAI.Translation.Mapping;

/// <summary>
/// Joins neighbouring user messages (parts concatenated) and neighbouring assistant messages (text, thinking, tool calls
/// and reasoning concatenated). Strict providers reject repeated roles; Anthropic merges them too, so the meaning is
/// unchanged. Tool results are never merged: each answers its own call.
/// </summary>
internal static class RoleMerging
{
    private const string TextSeparator = "\n\n";

    public static void MergeConsecutive(List<ConversationItem> items)
    {
        var kept = 0;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (kept > 0 && TryMerge(items[kept - 1], item)) continue;
            items[kept++] = item;
        }
        items.RemoveRange(kept, items.Count - kept);
    }

    private static bool TryMerge(ConversationItem previous, ConversationItem next)
    {
        switch (previous, next)
        {
            case (UserMessage into, UserMessage from):
                into.Parts.AddRange(from.Parts);
                return true;
            // Results must follow their calls; repair guarantees they do, so an assistant with calls is never extended.
            case (AssistantMessage { ToolCalls.Count: 0 } into, AssistantMessage from):
                into.Text = Join(into.Text, from.Text);
                into.Thinking = Join(into.Thinking, from.Thinking);
                into.ToolCalls.AddRange(from.ToolCalls);
                into.Reasoning.AddRange(from.Reasoning);
                return true;
            default:
                return false;
        }
    }

    private static string? Join(string? first, string? second) =>
        first is null ? second : second is null ? first : first + TextSeparator + second;
}
