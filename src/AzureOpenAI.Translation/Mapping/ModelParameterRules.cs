namespace AzureOpenAI.Translation.Mapping;

/// <summary>
/// What one model family accepts (PROTOCOL.md §3.5, Azure and OpenAI model docs, 01/2026), in one table: which
/// max-token parameter, whether sampling parameters (<c>temperature</c>, <c>top_p</c>), <c>stop</c> and
/// <c>parallel_tool_calls</c> may be sent, which <c>reasoning_effort</c> values it takes (none: the parameter is
/// rejected), and whether it is served only by the Responses API. The request mappers read these rules instead of
/// testing model names. No family needs the <c>developer</c> role: reasoning models take <c>system</c> as its alias
/// (§3.5), and the one family that rejects both (o1-mini/o1-preview, retired) is not special-cased.
/// </summary>
/// <param name="Family">The table prefix that matched, or <c>default</c> / <c>reasoning</c> for the fallbacks.</param>
/// <param name="ReasoningEfforts">Accepted <c>reasoning_effort</c> values, lowest first; empty when it is not accepted.</param>
internal sealed record ModelParameterRules(
    string Family,
    bool UsesMaxCompletionTokens,
    bool SamplingAllowed,
    bool StopAllowed,
    bool ParallelToolCallsAllowed,
    IReadOnlyList<string> ReasoningEfforts,
    bool ResponsesOnly = false)
{
    private static readonly string[] LowToHigh = ["low", "medium", "high"];

    /// <summary>gpt-4o, gpt-4.1 and any unknown non-reasoning model: every parameter as is.</summary>
    public static ModelParameterRules Default { get; } = new("default", false, true, true, true, []);

    /// <summary>A reasoning model of no known family (a <c>REASONING_MODELS</c> prefix): the o-series rules.</summary>
    public static ModelParameterRules GenericReasoning { get; } = new("reasoning", true, false, false, false, LowToHigh);

    /// <summary>Family prefix → rules; the longest matching prefix wins (<c>gpt-5.1-codex-max</c> before <c>gpt-5.1-codex</c> before <c>gpt-5.1</c>).</summary>
    private static readonly ModelParameterRules[] Table =
    [
        Reasoning("o1", LowToHigh),
        Reasoning("o1-mini", []),
        Reasoning("o1-preview", []),
        Reasoning("o3", LowToHigh),
        Reasoning("o3-mini", LowToHigh),
        Reasoning("o3-pro", LowToHigh, responsesOnly: true),
        Reasoning("o4-mini", LowToHigh),
        Reasoning("codex-mini", LowToHigh, responsesOnly: true),
        Reasoning("gpt-5", ["minimal", "low", "medium", "high"]),
        Reasoning("gpt-5-chat", []),
        Reasoning("gpt-5-pro", ["high"], responsesOnly: true),
        Reasoning("gpt-5-codex", LowToHigh, responsesOnly: true),
        Reasoning("gpt-5.1", ["none", "low", "medium", "high"]),
        Reasoning("gpt-5.1-chat", ["medium"]),
        Reasoning("gpt-5.1-codex", LowToHigh, responsesOnly: true),
        Reasoning("gpt-5.1-codex-max", ["low", "medium", "high", "xhigh"], responsesOnly: true),
        Reasoning("gpt-5.2", ["none", "low", "medium", "high", "xhigh"]),
        Reasoning("gpt-5.2-chat", ["medium"]),
        Reasoning("gpt-5.2-codex", ["low", "medium", "high", "xhigh"], responsesOnly: true),
    ];

    /// <summary>True for the families that take <c>reasoning_effort</c> or <c>max_completion_tokens</c> only.</summary>
    public bool IsReasoning => UsesMaxCompletionTokens;

    /// <summary>
    /// The rules for <paramref name="deployment"/>. <paramref name="isReasoningModel"/> (from <c>REASONING_MODELS</c>)
    /// decides reasoning or not, so a configured prefix overrides the table; the table refines the family's details.
    /// </summary>
    public static ModelParameterRules For(string deployment, bool isReasoningModel)
    {
        var known = Find(deployment);
        return (known, isReasoningModel) switch
        {
            ({ IsReasoning: true }, true) => known,
            (_, true) => GenericReasoning,
            ({ IsReasoning: false }, false) => known,
            _ => Default,
        };
    }

    /// <summary>The table entry for <paramref name="deployment"/>'s family (matched on its last <c>/</c> segment), or null.</summary>
    public static ModelParameterRules? Find(string deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var name = deployment[(deployment.LastIndexOf('/') + 1)..];
        ModelParameterRules? best = null;
        foreach (var rules in Table)
            if (ModelFamilies.StartsWithFamily(name, rules.Family) && (best is null || rules.Family.Length > best.Family.Length))
                best = rules;
        return best;
    }

    /// <summary>
    /// The accepted effort closest to <paramref name="wanted"/> on the scale none &lt; minimal &lt; low &lt; medium &lt;
    /// high &lt; xhigh (a tie goes to the higher one), or null when the family takes no effort.
    /// </summary>
    public string? ClosestEffort(string wanted)
    {
        if (ReasoningEfforts.Count == 0) return null;
        var target = Rank(wanted);
        return ReasoningEfforts.OrderBy(e => Math.Abs(Rank(e) - target)).ThenByDescending(Rank).First();
    }

    private static int Rank(string effort) => effort switch
    {
        "none" => 0,
        "minimal" => 1,
        "low" => 2,
        "medium" => 3,
        "high" => 4,
        _ => 5, // xhigh, max
    };

    private static ModelParameterRules Reasoning(string family, IReadOnlyList<string> efforts, bool responsesOnly = false) =>
        new(family, true, false, false, false, efforts, responsesOnly);
}
