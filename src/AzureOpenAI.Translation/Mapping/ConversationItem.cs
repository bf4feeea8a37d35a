using AzureOpenAI.Translation.OpenAI;

namespace AzureOpenAI.Translation.Mapping;

/// <summary>
/// One entry of a <see cref="Conversation"/>, in the API-neutral form both request mappers start from. Ids and tool
/// names are already the upstream ones; nothing here decides how an API writes it.
/// </summary>
internal abstract class ConversationItem;

/// <summary>User content: text, images and files, in order.</summary>
internal sealed class UserMessage(List<ContentPart> parts) : ConversationItem
{
    public List<ContentPart> Parts { get; } = parts;
}

/// <summary>One assistant turn: its text, the calls it made, and what it thought.</summary>
internal sealed class AssistantMessage : ConversationItem
{
    /// <summary>The text blocks joined by a blank line; null when there were none.</summary>
    public string? Text { get; set; }

    public List<ToolCall> ToolCalls { get; } = [];

    /// <summary>Reasoning items recovered from this proxy's thinking signatures (<see cref="ReasoningSignature"/>).</summary>
    public List<ReasoningReplay> Reasoning { get; } = [];

    /// <summary>The thinking text, kept only when the provider wants it echoed back (DeepSeek's <c>reasoning_content</c>).</summary>
    public string? Thinking { get; set; }

    /// <summary>Neither text, tool calls nor replayable reasoning: says nothing and is not sent.</summary>
    public bool IsEmpty => string.IsNullOrEmpty(Text) && ToolCalls.Count == 0 && Reasoning.Count == 0;
}

/// <summary>
/// The answer to one tool call, its attachments still inside: where they go is the API's decision (Chat moves them to a
/// user message, Responses keeps them in the output).
/// </summary>
internal sealed class ToolResult(string callId, List<ContentPart> content, bool isError) : ConversationItem
{
    internal const string ErrorPrefix = "Error: ";

    public string CallId { get; } = callId;
    public List<ContentPart> Content { get; } = content;
    public bool IsError { get; } = isError;

    public bool HasAttachments => Content.Exists(part => part is not TextPart);

    /// <summary>The text parts joined by newlines, <c>Error: </c> first for an error; attachments are not in it.</summary>
    public string Text
    {
        get
        {
            var text = string.Join('\n', Content.OfType<TextPart>().Select(part => part.Text));
            return IsError ? ErrorPrefix + text : text;
        }
    }

    /// <summary>The content as parts, led by an <c>Error:</c> part for an error.</summary>
    public List<ContentPart> PartsWithErrorMark() => IsError ? [new TextPart(ErrorPrefix.TrimEnd()), .. Content] : [.. Content];
}
