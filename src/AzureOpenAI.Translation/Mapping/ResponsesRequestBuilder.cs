using AzureOpenAI.Translation.Anthropic;
using AzureOpenAI.Translation.OpenAI;

namespace AzureOpenAI.Translation.Mapping;

/// <summary>
/// Anthropic Messages request → Responses request (PROTOCOL.md §4.1, §5.1 Responses column). The conversation goes
/// through the same pipeline as Chat (<see cref="Conversation"/>: system folding, turn order, history repair, role
/// merging; tools, tool names, ids and schema cleaning likewise), with two differences: attachments stay inside tool
/// results, and thinking blocks signed by <see cref="ReasoningSignature"/> are replayed as <c>reasoning</c> items.
/// The request is stateless (<c>store:false</c>); reasoning models also get <c>reasoning.summary:"auto"</c> (the
/// summaries become thinking blocks) and <c>include:["reasoning.encrypted_content"]</c> (the continuity carried in
/// their signatures). <c>stop_sequences</c> has no Responses equivalent and is dropped.
/// </summary>
public static class ResponsesRequestBuilder
{
    /// <summary>The Responses API rejects <c>max_output_tokens</c> below 16.</summary>
    public const int MinOutputTokens = 16;

    /// <summary>
    /// Translates <paramref name="request"/> for <see cref="ChatTranslationOptions.Deployment"/> (always sent as
    /// <c>model</c>: Responses URLs name no deployment). Throws <see cref="AnthropicRequestException"/> like
    /// <see cref="ChatRequestBuilder.Build"/>.
    /// </summary>
    public static ChatTranslation Build(MessagesRequest request, ChatTranslationOptions options)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrEmpty(request.Model)) throw ContentBlocks.Invalid("model", "field required");

        var toolNames = new ToolNameMap();
        var tools = ToolDefinitions.ToChatTools(request.Tools, toolNames);
        var messages = Conversation.ToChatMessages(request, options, toolNames, keepToolAttachments: true);
        var instructions = messages is [{ Role: ChatRoles.System } system, ..] ? system.Text : null;
        if (instructions is not null) messages.RemoveAt(0);

        var rules = ModelParameterRules.For(options.Deployment, options.IsReasoningModel || ModelFamilies.IsResponsesOnly(options.Deployment));
        var reasoning = rules.IsReasoning && request.Thinking?.Type != "disabled";
        var body = new ResponsesRequest
        {
            Model = options.Deployment,
            Instructions = instructions,
            Input = messages,
            Tools = tools,
            MaxOutputTokens = Math.Max(MinOutputTokens, SamplingParameters.ToMaxTokens(request.MaxTokens, options.MaxTokensLimit)),
            Reasoning = reasoning,
            ReasoningEffort = reasoning ? ReasoningEfforts.From(request.Thinking, request.OutputConfig, rules) : null,
            User = EndUserIds.From(request.Metadata?.UserId),
            Stream = request.Stream == true,
        };
        if (tools is not null)
        {
            body.ToolChoice = ToolChoices.ToChatToolChoice(request.ToolChoice, tools, toolNames);
            // Responses accepts parallel_tool_calls on every model, reasoning models included.
            body.ParallelToolCalls = request.ToolChoice?.DisableParallelToolUse != true;
        }
        if (rules.SamplingAllowed)
        {
            body.Temperature = request.Temperature;
            body.TopP = request.TopP;
        }
        return new ChatTranslation(ResponsesRequestWriter.ToUtf8Json(body), toolNames);
    }
}
