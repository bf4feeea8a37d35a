using AzureOpenAI.Translation.Anthropic;

namespace AzureOpenAI.Translation.Mapping;

/// <summary>
/// <c>thinking</c> / <c>output_config.effort</c> → <c>reasoning_effort</c>, for families that accept it
/// (<see cref="ModelParameterRules.ReasoningEfforts"/>; others reject the parameter, so it is dropped):
/// <list type="bullet">
/// <item><c>enabled</c> + budget: &lt; 4096 → low, &lt; 16384 → medium, else high;</item>
/// <item><c>adaptive</c> (or no thinking) + effort: low/medium/high as is, xhigh/max → xhigh;</item>
/// <item>then the closest value the family accepts (no <c>minimal</c> on codex, <c>none</c> only on gpt-5.1/5.2,
/// <c>high</c> only on gpt-5-pro, <c>xhigh</c> only on the newest: elsewhere xhigh becomes high);</item>
/// <item><c>disabled</c>, or no effort given: omitted, so the model uses its default.</item>
/// </list>
/// </summary>
internal static class ReasoningEfforts
{
    internal const int LowBelow = 4096;
    internal const int MediumBelow = 16384;

    public static string? From(ThinkingConfig? thinking, OutputConfig? outputConfig, ModelParameterRules rules)
    {
        var wanted = thinking?.Type switch
        {
            "disabled" => null,
            "enabled" when thinking.BudgetTokens is { } budget => FromBudget(budget),
            _ => FromEffort(outputConfig?.Effort),
        };
        return wanted is null ? null : rules.ClosestEffort(wanted);
    }

    internal static string FromBudget(int budgetTokens) =>
        budgetTokens < LowBelow ? "low" : budgetTokens < MediumBelow ? "medium" : "high";

    /// <summary>Unknown effort values are ignored rather than rejected, so a new Anthropic level never breaks a request.</summary>
    internal static string? FromEffort(string? effort) => effort switch
    {
        "low" or "medium" or "high" => effort,
        "xhigh" or "max" => "xhigh",
        _ => null,
    };
}
