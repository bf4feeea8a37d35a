using AzureOpenAI.Translation.Anthropic;
using AzureOpenAI.Translation.OpenAI;

namespace AzureOpenAI.Translation.Mapping;

/// <summary>
/// Anthropic Messages request → Chat Completions request (PROTOCOL.md §5.1). The conversation and tools are mapped once
/// into API-neutral form (<see cref="Conversation"/>); this entry point adds the Chat-only rules and writes the body once.
/// Never forwarded: <c>cache_control</c>, <c>context_management</c>, <c>output_config</c>, <c>container</c>,
/// <c>service_tier</c>, <c>metadata</c>, <c>top_k</c>, <c>thinking</c> and anything else Anthropic-only
/// (the body is written field by field, so an unknown input field cannot leak through).
/// </summary>
internal static class ChatCompletionsRequestMapper
{
    /// <summary>
    /// Maps <paramref name="request"/> for the deployment described by <paramref name="options"/>.
    /// Throws <see cref="AnthropicRequestException"/> for a request that cannot be mapped (missing fields, bad values).
    /// </summary>
    public static UpstreamRequest Build(MessagesRequest request, DeploymentOptions options)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);

        var conversation = Conversation.From(request, options);
        var rules = ModelParameterRules.For(options.Deployment, options.IsReasoningModel);
        var chat = new ChatRequest
        {
            Model = options.SendModel ? options.Deployment : null,
            Messages = ChatMessages.From(conversation, options.EchoReasoningContent),
            Tools = conversation.Tools,
            ToolChoice = conversation.ToolChoice,
            ParallelToolCalls = conversation.Tools is null ? null : ToolChoices.ToParallelToolCalls(request.ToolChoice, rules),
            ReasoningEffort = ReasoningProbes.Effort(request, rules),
            User = EndUserIds.From(request.Metadata?.UserId),
            PromptCacheKey = options.AcceptsPromptCacheKey ? PromptCacheKeys.From(request.SessionId, request.AgentId) : null,
            Stream = request.Stream == true,
        };
        SamplingParameters.Apply(request, options, rules, chat);
        return new UpstreamRequest(ChatRequestWriter.ToUtf8Json(chat), conversation.ToolNames);
    }
}
