namespace AzureOpenAI.Translation.OpenAI;

/// <summary>
/// One Chat Completions message while the request is being built. It is mutable on purpose: history repair and
/// role merging rewrite messages in place before <see cref="ChatRequestWriter"/> writes them once.
/// </summary>
internal sealed class ChatMessage(string role)
{
    public string Role { get; set; } = role;

    /// <summary>Plain text content (system, tool and assistant messages; also user messages converted from orphans).</summary>
    public string? Text { get; set; }

    /// <summary>User content parts; written as a plain string when it is a single text part.</summary>
    public List<ChatContentPart>? Parts { get; set; }

    public List<ChatToolCall>? ToolCalls { get; set; }

    /// <summary>The upstream id of the call a <c>tool</c> message answers.</summary>
    public string? ToolCallId { get; set; }

    /// <summary>Echoed assistant thinking (DeepSeek-style <c>reasoning_content</c>).</summary>
    public string? ReasoningContent { get; set; }

    /// <summary>
    /// Responses reasoning items recovered from this proxy's thinking signatures, replayed before the assistant's
    /// output on the Responses API; Chat Completions has no place for them and never writes them.
    /// </summary>
    public List<ReasoningReplay>? Reasoning { get; set; }

    public bool HasToolCalls => ToolCalls is { Count: > 0 };

    public static ChatMessage ToolResult(string toolCallId, string text) => new(ChatRoles.Tool) { ToolCallId = toolCallId, Text = text };
}

internal static class ChatRoles
{
    public const string System = "system";
    public const string User = "user";
    public const string Assistant = "assistant";
    public const string Tool = "tool";
}
