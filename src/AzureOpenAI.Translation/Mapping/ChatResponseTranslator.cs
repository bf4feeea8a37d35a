using AzureOpenAI.Translation.Anthropic;

namespace AzureOpenAI.Translation.Mapping;

/// <summary>Non-streaming Chat Completions response → Anthropic <c>Message</c> (PROTOCOL.md §5.2).</summary>
public static class ChatResponseTranslator
{
    /// <summary>Returns the Anthropic message JSON (UTF-8), with id <paramref name="messageId"/> and the requested model echoed.</summary>
    public static byte[] ToMessagesResponse(ReadOnlySpan<byte> upstreamBody, string messageId, string requestedModel, ToolNameMap toolNames) =>
        throw new NotImplementedException("response translation: issue #2 (helper: response/stream)");
}
