namespace AzureOpenAI.Translation.Mapping;

/// <summary>
/// Claude Code checks a model with <c>max_tokens: 1</c> (the <c>/model</c> picker's probe, and the non-streamed fallback
/// when <c>count_tokens</c> fails). A reasoning deployment rejects so small a budget, or spends it all on reasoning and
/// answers nothing, so below <see cref="MinimumOutputTokens"/> (the least the Responses API accepts, and the least a
/// reasoning deployment answers in) the budget is raised to it and the effort lowered to the least the family takes
/// (<c>none</c> or <c>minimal</c>, which leaves the budget to the answer): the probe gets a proper short answer instead
/// of a 400. A larger budget is the client's and is kept.
/// </summary>
internal static class ReasoningProbes
{
    public const int MinimumOutputTokens = ResponsesRequestMapper.MinOutputTokens;

    public static bool IsProbe(int? maxTokens, ModelParameterRules rules) => rules.IsReasoning && maxTokens < MinimumOutputTokens;

    /// <summary>The output budget to send: at least <see cref="MinimumOutputTokens"/> on a reasoning family.</summary>
    public static int Raise(int maxTokens, ModelParameterRules rules) => rules.IsReasoning ? Math.Max(maxTokens, MinimumOutputTokens) : maxTokens;

    /// <summary>The reasoning effort to send: the least there is for a probe, else what the request asks (<see cref="ReasoningEfforts"/>).</summary>
    public static string? Effort(Anthropic.MessagesRequest request, ModelParameterRules rules) =>
        IsProbe(request.MaxTokens, rules) ? rules.ClosestEffort("none") : ReasoningEfforts.From(request.Thinking, request.OutputConfig, rules);
}
