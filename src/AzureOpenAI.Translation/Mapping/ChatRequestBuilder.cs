using AzureOpenAI.Translation.Anthropic;

namespace AzureOpenAI.Translation.Mapping;

/// <summary>Anthropic Messages request → Chat Completions request (PROTOCOL.md §5.1).</summary>
public static class ChatRequestBuilder
{
    /// <summary>
    /// Translates <paramref name="request"/> for the deployment described by <paramref name="options"/>.
    /// Throws <see cref="AnthropicRequestException"/> for a request that cannot be translated (missing fields, bad values).
    /// </summary>
    public static ChatTranslation Build(MessagesRequest request, ChatTranslationOptions options) =>
        throw new NotImplementedException("request translation: issue #2 (helper: request mapping)");
}
