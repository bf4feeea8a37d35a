using AzureOpenAI.Translation.OpenAI;

namespace AzureOpenAI.Translation.Mapping;

/// <summary>
/// Both APIs require every tool call to be answered by a result, in the calls' order, before anything else, and every
/// result to answer such a call. Anthropic histories break both rules: a <c>tool_use</c> with no result (the user
/// pressed Esc, or the session was compacted), or a <c>tool_result</c> whose call is gone. This pass makes the history
/// consistent without losing content:
/// <list type="bullet">
/// <item>results are reordered to follow their calls;</item>
/// <item>a call without a result gets a synthetic result saying it was cancelled;</item>
/// <item>a result without a call becomes user content, so the model still sees it.</item>
/// </list>
/// </summary>
internal static class HistoryRepair
{
    internal const string CancelledResult = "Tool call was cancelled by the user before it produced a result.";

    public static List<ConversationItem> Repair(List<ConversationItem> items)
    {
        var repaired = new List<ConversationItem>(items.Count + 4);
        var i = 0;
        while (i < items.Count)
        {
            var item = items[i++];
            if (item is ToolResult orphan) { repaired.Add(ToUserMessage(orphan)); continue; }
            repaired.Add(item);
            if (item is not AssistantMessage { ToolCalls.Count: > 0 } assistant) continue;

            var start = i;
            while (i < items.Count && items[i] is ToolResult) i++;
            AnswerCalls(assistant.ToolCalls, items, start, i, repaired);
        }
        return repaired;
    }

    /// <summary>Emits one result per call, in call order, then the results that matched no call as user content.</summary>
    private static void AnswerCalls(List<ToolCall> calls, List<ConversationItem> items, int start, int end, List<ConversationItem> repaired)
    {
        var results = new Dictionary<string, ToolResult>(StringComparer.Ordinal);
        var orphans = new List<ToolResult>();
        for (var j = start; j < end; j++)
        {
            var result = (ToolResult)items[j];
            if (calls.Exists(call => call.Id == result.CallId) && results.TryAdd(result.CallId, result)) continue;
            orphans.Add(result);
        }
        foreach (var call in calls)
            repaired.Add(results.TryGetValue(call.Id, out var result) ? result : new ToolResult(call.Id, [new TextPart(CancelledResult)], isError: false));
        foreach (var orphan in orphans) repaired.Add(ToUserMessage(orphan));
    }

    /// <summary>An orphan result as user content: a label naming its call, then its text, or its parts when it has attachments.</summary>
    private static UserMessage ToUserMessage(ToolResult orphan)
    {
        var label = $"[Result of tool call {orphan.CallId}]";
        return new UserMessage(orphan.HasAttachments
            ? [new TextPart(label), .. orphan.PartsWithErrorMark()]
            : [new TextPart(label + "\n" + orphan.Text)]);
    }
}
