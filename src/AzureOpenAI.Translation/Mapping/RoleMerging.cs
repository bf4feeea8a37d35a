using AzureOpenAI.Translation.OpenAI;

namespace AzureOpenAI.Translation.Mapping;

/// <summary>
/// Joins neighbouring user messages (parts concatenated) and neighbouring assistant messages (text, tool calls and
/// reasoning concatenated). Strict Chat providers reject repeated roles; Anthropic merges them too, so the meaning
/// is unchanged. Tool messages are never merged: each answers its own call.
/// </summary>
internal static class RoleMerging
{
    public static void MergeConsecutive(List<ChatMessage> messages)
    {
        var kept = 0;
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            if (kept > 0 && CanMerge(messages[kept - 1], message)) Merge(messages[kept - 1], message);
            else messages[kept++] = message;
        }
        messages.RemoveRange(kept, messages.Count - kept);
    }

    private static bool CanMerge(ChatMessage previous, ChatMessage next) =>
        previous.Role == next.Role && next.Role is ChatRoles.User or ChatRoles.Assistant
        && !previous.HasToolCalls; // tool messages must follow the calls; repair guarantees they do

    private static void Merge(ChatMessage into, ChatMessage from)
    {
        if (into.Role == ChatRoles.User)
        {
            (into.Parts ??= []).AddRange(from.Parts ?? []);
            return;
        }
        into.Text = Join(into.Text, from.Text);
        into.ReasoningContent = Join(into.ReasoningContent, from.ReasoningContent);
        if (from.HasToolCalls) (into.ToolCalls ??= []).AddRange(from.ToolCalls!);
        if (from.Reasoning is not null) (into.Reasoning ??= []).AddRange(from.Reasoning);
    }

    private static string? Join(string? first, string? second) =>
        first is null ? second : second is null ? first : first + "\n\n" + second;
}
