using AzureOpenAI.Translation.Anthropic;
using AzureOpenAI.Translation.Mapping;
using AzureOpenAI.Translation.Streaming;
using AzureOpenAI.Translation.Answers;

namespace AzureOpenAI.Translation;

/// <summary>
/// The entry points for the Responses API (PROTOCOL.md §4): a Messages request to a Responses request, and a response,
/// whole or streamed, back to an Anthropic message. Everything behind them is internal.
/// </summary>
public static class ResponsesTranslation
{
    /// <summary>Throws <see cref="AnthropicRequestException"/> for a request that cannot be translated (missing fields, bad values).</summary>
    public static UpstreamRequest ToRequest(MessagesRequest request, DeploymentOptions options) => ResponsesRequestMapper.Build(request, options);

    /// <summary>
    /// A whole response as an Anthropic message. Throws <see cref="AnthropicRequestException"/> for a failed response or an error
    /// body, and <see cref="UnusableAnswerException"/> for a body without output.
    /// </summary>
    /// <param name="reasoningIssuer">The answering deployment's <see cref="DeploymentOptions.ReasoningIssuer"/>, recorded in thinking signatures.</param>
    public static TranslatedMessage ToMessage(ReadOnlySpan<byte> body, string messageId, string requestedModel, ToolNameMap toolNames,
        string? reasoningIssuer = null) =>
        ResponsesResponseTranslator.ToMessagesResponse(body, messageId, requestedModel, toolNames, reasoningIssuer);

    /// <summary>A translator for one streamed response; <paramref name="inputTokensEstimate"/> goes into <c>message_start</c>.</summary>
    public static IAnthropicStreamTranslator StreamTranslator(string messageId, string requestedModel, ToolNameMap toolNames, int inputTokensEstimate,
        string? reasoningIssuer = null) =>
        new ResponsesStreamTranslator(messageId, requestedModel, toolNames, inputTokensEstimate, reasoningIssuer);
}
