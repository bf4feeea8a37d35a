using AzureOpenAI.Translation;
using AzureOpenAI.Translation.Anthropic;
using AzureOpenAI.Translation.Mapping;
using AzureOpenAI.Translation.Streaming;

namespace AzureOpenAI.Proxy.Upstream;

/// <summary>
/// One upstream API, Chat Completions (<see cref="ChatCompletionsApi"/>) or Responses (<see cref="ResponsesApi"/>):
/// everything that differs between them, so that the rest of the request path never asks which one it is.
/// The choice is made once per attempt (<see cref="DeploymentApiStyles"/>); switching after an
/// <c>OperationNotSupported</c> is a change of strategy.
/// </summary>
internal interface IUpstreamApi
{
    /// <summary>The request body for this API; throws <see cref="AnthropicRequestException"/> for an untranslatable request.</summary>
    UpstreamRequest Translate(MessagesRequest request, DeploymentOptions options);

    Uri Url(ProviderProfile profile, string deployment);

    /// <summary>Translates this API's SSE stream to Anthropic events.</summary>
    IAnthropicStreamTranslator StreamTranslator(string messageId, string requestedModel, ToolNameMap toolNames, int inputTokensEstimate);

    /// <summary>The name usage records and logs give this API: <c>chat</c> or <c>responses</c>.</summary>
    string Name { get; }

    /// <summary>Translates this API's whole (non-streamed) answer to an Anthropic message.</summary>
    TranslatedMessage ToMessage(byte[] body, string messageId, string requestedModel, ToolNameMap toolNames);

    /// <summary>Adds what this API's failures need said to the mapped error (e.g. an api-version that lacks the API).</summary>
    AnthropicError WithHints(AnthropicError error, ProviderProfile profile);

    /// <summary>True when the upstream refused the request because the deployment is served only by another API.</summary>
    bool IsServedElsewhere(UpstreamFailure failure);
}
