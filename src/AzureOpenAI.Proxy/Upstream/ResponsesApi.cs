using AzureOpenAI.Translation;
using AzureOpenAI.Translation.Anthropic;
using AzureOpenAI.Translation.Mapping;
using AzureOpenAI.Translation.Streaming;

namespace AzureOpenAI.Proxy.Upstream;

/// <summary>
/// The Responses API: <c>…/responses</c>, typed events (<c>response.output_text.delta</c>, …), stateless (<c>store:false</c>).
/// <paramref name="reasoningIssuer"/> is the backend's id, recorded in the thinking signatures of its answers.
/// </summary>
internal sealed class ResponsesApi(string? reasoningIssuer = null) : IUpstreamApi
{
    public static ResponsesApi Instance { get; } = new();

    public UpstreamRequest Translate(MessagesRequest request, DeploymentOptions options) => ResponsesTranslation.ToRequest(request, options);

    public Uri Url(ProviderProfile profile, string deployment) => profile.ResponsesUrl();

    public IAnthropicStreamTranslator StreamTranslator(string messageId, string requestedModel, ToolNameMap toolNames, int inputTokensEstimate) =>
        ResponsesTranslation.StreamTranslator(messageId, requestedModel, toolNames, inputTokensEstimate, reasoningIssuer);

    public string Name => "responses";

    public TranslatedMessage ToMessage(byte[] body, string messageId, string requestedModel, ToolNameMap toolNames) =>
        ResponsesTranslation.ToMessage(body, messageId, requestedModel, toolNames, reasoningIssuer);

    /// <summary>
    /// Azure serves <c>/openai/responses</c> only from api-version 2025-03-01-preview on; older dated versions answer a
    /// bare 404 "Resource not found", which says nothing about the cause.
    /// </summary>
    public AnthropicError WithHints(AnthropicError error, ProviderProfile profile) =>
        profile.UsesDeploymentUrls && error.Type == AnthropicErrorType.NotFound
            && error.Message.StartsWith("Resource not found", StringComparison.Ordinal)
            ? error with
            {
                Message = $"{error.Message} The Responses API on Azure needs AZURE_API_VERSION=v1 (or a dated version from 2025-03-01-preview on); " +
                    $"AZURE_API_VERSION is {profile.ApiVersion}.",
            }
            : error;

    public bool IsServedElsewhere(UpstreamFailure failure) => false;
}
