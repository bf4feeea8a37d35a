using AzureOpenAI.Translation.Anthropic;
using AzureOpenAI.Translation.Mapping;
using AzureOpenAI.Translation.Streaming;
using AzureOpenAI.Translation.Answers;

namespace AzureOpenAI.Translation;

/// <summary>
/// The entry points for Chat Completions (PROTOCOL.md §5): a Messages request to a Chat request, and a Chat answer,
/// whole or streamed, back to an Anthropic message. Everything behind them is internal.
/// </summary>
public static class ChatCompletionsTranslation
{
    /// <summary>Throws <see cref="AnthropicRequestException"/> for a request that cannot be translated (missing fields, bad values).</summary>
    public static UpstreamRequest ToRequest(MessagesRequest request, DeploymentOptions options) => ChatCompletionsRequestMapper.Build(request, options);

    /// <summary>
    /// A whole chat completion as an Anthropic message. Throws <see cref="AnthropicRequestException"/> for an error sent
    /// with status 200 and <see cref="UnusableAnswerException"/> for a body without a message.
    /// </summary>
    public static TranslatedMessage ToMessage(ReadOnlySpan<byte> body, string messageId, string requestedModel, ToolNameMap toolNames) =>
        ChatResponseTranslator.ToMessagesResponse(body, messageId, requestedModel, toolNames);

    /// <summary>A translator for one streamed chat completion; <paramref name="inputTokensEstimate"/> goes into <c>message_start</c>.</summary>
    public static IAnthropicStreamTranslator StreamTranslator(string messageId, string requestedModel, ToolNameMap toolNames, int inputTokensEstimate) =>
        new ChatStreamTranslator(messageId, requestedModel, toolNames, inputTokensEstimate);
}
