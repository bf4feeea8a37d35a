using AzureOpenAI.Translation.Anthropic;
using AzureOpenAI.Translation.OpenAI;

namespace AzureOpenAI.Translation.Mapping;

/// <summary>
/// Anthropic Messages request → Chat Completions request (PROTOCOL.md §5.1). Each rule lives in its own
/// <c>internal static</c> mapper; this entry point only calls them in order and writes the body once.
/// Never forwarded: <c>cache_control</c>, <c>context_management</c>, <c>output_config</c>, <c>container</c>,
/// <c>service_tier</c>, <c>metadata</c>, <c>top_k</c>, <c>thinking</c> and anything else Anthropic-only
/// (the body is written field by field, so an unknown input field cannot leak through).
/// </summary>
public static class ChatRequestBuilder
{
    /// <summary>
    /// Translates <paramref name="request"/> for the deployment described by <paramref name="options"/>.
    /// Throws <see cref="AnthropicRequestException"/> for a request that cannot be translated (missing fields, bad values).
    /// </summary>
    public static ChatTranslation Build(MessagesRequest request, ChatTranslationOptions options)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrEmpty(request.Model)) throw ContentBlocks.Invalid("model", "field required");

        var toolNames = new ToolNameMap();
        var rules = ModelParameterRules.For(options.Deployment, options.IsReasoningModel);
        var chat = new ChatRequest
        {
            Model = options.SendModel ? options.Deployment : null,
            Tools = ToolDefinitions.ToChatTools(request.Tools, toolNames),
            Messages = Conversation.ToChatMessages(request, options, toolNames),
            ReasoningEffort = ReasoningEfforts.From(request.Thinking, request.OutputConfig, rules),
            User = EndUserIds.From(request.Metadata?.UserId),
            Stream = request.Stream == true,
        };
        if (chat.Tools is not null)
        {
            chat.ToolChoice = ToolChoices.ToChatToolChoice(request.ToolChoice, chat.Tools, toolNames);
            chat.ParallelToolCalls = ToolChoices.ToParallelToolCalls(request.ToolChoice, rules);
        }
        SamplingParameters.Apply(request, options, rules, chat);
        return new ChatTranslation(ChatRequestWriter.ToUtf8Json(chat), toolNames);
    }
}
