using AzureOpenAI.Translation.OpenAI;

namespace AzureOpenAI.Translation.Mapping;

/// <summary>
/// Chat Completions requires every assistant <c>tool_calls[i]</c> to be answered by a <c>tool</c> message, in the
/// calls' order, before anything else, and every <c>tool</c> message to answer such a call. Anthropic histories break
/// both rules: a <c>tool_use</c> with no result (the user pressed Esc, or the session was compacted), or a
/// <c>tool_result</c> whose call is gone. This pass makes the history consistent without losing content:
/// <list type="bullet">
/// <item>results are reordered to follow their calls;</item>
/// <item>a call without a result gets a synthetic tool message saying it was cancelled;</item>
/// <item>a result without a call becomes user text, so the model still sees it.</item>
/// </list>
/// </summary>
internal static class HistoryRepair
{
    internal const string CancelledResult = "Tool call was cancelled by the user before it produced a result.";

    public static List<ChatMessage> Repair(List<ChatMessage> messages)
    {
        var repaired = new List<ChatMessage>(messages.Count + 4);
        var i = 0;
        while (i < messages.Count)
        {
            var message = messages[i++];
            if (message.Role == ChatRoles.Tool) { repaired.Add(ToUserText(message)); continue; }
            repaired.Add(message);
            if (!message.HasToolCalls) continue;

            var start = i;
            while (i < messages.Count && messages[i].Role == ChatRoles.Tool) i++;
            AnswerCalls(message.ToolCalls!, messages, start, i, repaired);
        }
        return repaired;
    }

    /// <summary>Emits one tool message per call, in call order, then the results that matched no call as user text.</summary>
    private static void AnswerCalls(List<ChatToolCall> calls, List<ChatMessage> messages, int start, int end, List<ChatMessage> repaired)
    {
        var results = new Dictionary<string, ChatMessage>(StringComparer.Ordinal);
        var orphans = new List<ChatMessage>();
        for (var j = start; j < end; j++)
        {
            var result = messages[j];
            if (calls.Exists(call => call.Id == result.ToolCallId) && results.TryAdd(result.ToolCallId!, result)) continue;
            orphans.Add(result);
        }
        foreach (var call in calls)
            repaired.Add(results.TryGetValue(call.Id, out var result) ? result : ChatMessage.ToolResult(call.Id, CancelledResult));
        foreach (var orphan in orphans) repaired.Add(ToUserText(orphan));
    }

    /// <summary>An orphan result as user content; attachments kept in it (Responses) follow its text.</summary>
    private static ChatMessage ToUserText(ChatMessage toolMessage) => new(ChatRoles.User)
    {
        Parts = toolMessage.Parts is { } parts
            ? [new TextPart($"[Result of tool call {toolMessage.ToolCallId}]"), .. parts]
            : [new TextPart($"[Result of tool call {toolMessage.ToolCallId}]\n{toolMessage.Text}")],
    };
}
