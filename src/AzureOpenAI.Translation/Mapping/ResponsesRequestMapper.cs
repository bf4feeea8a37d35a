using AzureOpenAI.Translation.Anthropic;
using AzureOpenAI.Translation.OpenAI;

namespace AzureOpenAI.Translation.Mapping;

/// <summary>
/// Anthropic Messages request → Responses request (PROTOCOL.md §4.1, §5.1 Responses column). The conversation and tools
/// are mapped once into API-neutral form (<see cref="Conversation"/>), then into input items (<see cref="ResponsesInput"/>:
/// attachments stay inside tool results, and thinking blocks signed by <see cref="ReasoningSignature"/> are replayed as
/// <c>reasoning</c> items). The request is stateless (<c>store:false</c>); reasoning models also get
/// <c>reasoning.summary:"auto"</c> (the summaries become thinking blocks) and <c>include:["reasoning.encrypted_content"]</c>
/// (the continuity carried in their signatures). <c>stop_sequences</c> has no Responses equivalent and is dropped.
/// </summary>
internal static class ResponsesRequestMapper
{
    /// <summary>The Responses API rejects <c>max_output_tokens</c> below 16.</summary>
    public const int MinOutputTokens = 16;

    /// <summary>
    /// Maps <paramref name="request"/> for <see cref="DeploymentOptions.Deployment"/> (always sent as <c>model</c>:
    /// Responses URLs name no deployment). Throws <see cref="AnthropicRequestException"/> like
    /// <see cref="ChatCompletionsRequestMapper.Build"/>.
    /// </summary>
    public static UpstreamRequest Build(MessagesRequest request, DeploymentOptions options)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);

        var conversation = Conversation.From(request, options);
        var rules = ModelParameterRules.For(options.Deployment, options.IsReasoningModel);
        var reasoning = rules.IsReasoning && request.Thinking?.Type != "disabled";
        var body = new ResponsesRequest
        {
            Model = options.Deployment,
            Instructions = conversation.System,
            Input = ResponsesInput.From(conversation, options.ReasoningIssuer),
            Tools = conversation.Tools,
            ToolChoice = conversation.ToolChoice,
            // Responses accepts parallel_tool_calls on every model, reasoning models included.
            ParallelToolCalls = conversation.Tools is null ? null : request.ToolChoice?.DisableParallelToolUse != true,
            MaxOutputTokens = Math.Max(MinOutputTokens, ReasoningProbes.Raise(SamplingParameters.ToMaxTokens(request.MaxTokens, options.MaxTokensLimit), rules)),
            Reasoning = reasoning,
            ReasoningEffort = reasoning ? ReasoningProbes.Effort(request, rules) : null,
            User = EndUserIds.From(request.Metadata?.UserId),
            PromptCacheKey = options.AcceptsPromptCacheKey ? PromptCacheKeys.From(request.SessionId, request.AgentId) : null,
            Stream = request.Stream == true,
        };
        if (rules.SamplingAllowed)
        {
            body.Temperature = request.Temperature;
            body.TopP = request.TopP;
        }
        return new UpstreamRequest(ResponsesRequestWriter.ToUtf8Json(body), conversation.ToolNames);
    }
}
