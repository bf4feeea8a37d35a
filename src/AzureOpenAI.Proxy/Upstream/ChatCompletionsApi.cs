using AzureOpenAI.Translation;
using AzureOpenAI.Translation.Anthropic;
using AzureOpenAI.Translation.Mapping;
using AzureOpenAI.Translation.Streaming;
using AzureOpenAI.Translation.Errors;

namespace AzureOpenAI.Proxy.Upstream;

/// <summary>Chat Completions: <c>…/chat/completions</c>, chunks with <c>choices[0].delta</c>.</summary>
internal sealed class ChatCompletionsApi : IUpstreamApi
{
    public static ChatCompletionsApi Instance { get; } = new();

    public UpstreamRequest Translate(MessagesRequest request, DeploymentOptions options) => ChatCompletionsTranslation.ToRequest(request, options);

    public Uri Url(ProviderProfile profile, string deployment) => profile.ChatCompletionsUrl(deployment);

    public IAnthropicStreamTranslator StreamTranslator(string messageId, string requestedModel, ToolNameMap toolNames, int inputTokensEstimate) =>
        ChatCompletionsTranslation.StreamTranslator(messageId, requestedModel, toolNames, inputTokensEstimate);

    public string Name => "chat";

    public TranslatedMessage ToMessage(byte[] body, string messageId, string requestedModel, ToolNameMap toolNames) =>
        ChatCompletionsTranslation.ToMessage(body, messageId, requestedModel, toolNames);

    public AnthropicError WithHints(AnthropicError error, ProviderProfile profile) => error;

    public bool IsServedElsewhere(UpstreamFailure failure) =>
        failure.Kind == UpstreamFailureKind.HttpStatus && UpstreamErrorMapper.IsChatOperationNotSupported(failure.Status, failure.Body);
}
