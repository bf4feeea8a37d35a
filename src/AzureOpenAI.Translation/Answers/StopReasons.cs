namespace AzureOpenAI.Translation.Answers;

/// <summary>Chat Completions <c>finish_reason</c> → Anthropic <c>stop_reason</c> (PROTOCOL.md §5.2), for both response paths.</summary>
internal static class StopReasons
{
    public const string EndTurn = "end_turn";
    public const string MaxTokens = "max_tokens";
    public const string ToolUse = "tool_use";
    public const string Refusal = "refusal";

    /// <summary>
    /// The direct mapping of one <c>finish_reason</c>; null when absent. Unknown values (<c>eos</c>, <c>end_turn</c>, …)
    /// become <c>end_turn</c>: Anthropic's set is closed, and an unknown reason is most likely a natural stop.
    /// </summary>
    public static string? FromFinishReason(string? finishReason) => finishReason switch
    {
        null => null,
        "length" => MaxTokens,
        "tool_calls" or "function_call" => ToolUse,
        "content_filter" => Refusal,
        _ => EndTurn,
    };

    /// <summary>
    /// A Responses <c>status</c> and <c>incomplete_details.reason</c> (PROTOCOL.md §4.2) resolved like a finish reason:
    /// incomplete for <c>max_output_tokens</c> → max_tokens, for <c>content_filter</c> → refusal; a function call →
    /// tool_use; otherwise end_turn.
    /// </summary>
    public static string FromResponseStatus(string? status, string? incompleteReason, bool sawToolCall, bool sawRefusal) =>
        Resolve(status != "incomplete" ? null : incompleteReason switch
        {
            "max_output_tokens" => MaxTokens,
            "content_filter" => Refusal,
            _ => EndTurn,
        }, sawToolCall, sawRefusal);

    /// <summary>
    /// The final stop reason. A refusal (content filter or a <c>refusal</c> message) wins; then truncation, because a
    /// tool call cut by <c>length</c> has incomplete input; then <c>tool_use</c> whenever a tool call was seen, since
    /// Ollama, Gemini and others end tool turns with <c>stop</c>.
    /// </summary>
    public static string Resolve(string? mappedFinishReason, bool sawToolCall, bool sawRefusal)
    {
        if (sawRefusal || mappedFinishReason == Refusal) return Refusal;
        if (mappedFinishReason == MaxTokens) return MaxTokens;
        if (sawToolCall) return ToolUse;
        return mappedFinishReason ?? EndTurn;
    }
}
