using System.Globalization;

namespace AzureOpenAI.Proxy.Usage;

/// <summary>
/// The statusline's one line: the deployment serving the current model, context used, the session's cache hit rate
/// and its cost in Azure prices, a budget mark at 75% and 95%, and <see cref="DownMark"/> when the proxy does not answer.
/// </summary>
internal static class StatuslineText
{
    public const string DownMark = "✖ proxy down";
    private const string Separator = " │ ";

    /// <param name="localDeployment">The deployment the configuration on disk routes the model to: shown when the proxy cannot say.</param>
    public static string Line(StatuslineInput input, SessionFigures? figures, string? localDeployment)
    {
        var parts = new List<string> { $"⎈ {figures?.Deployment ?? localDeployment ?? input.ModelName ?? "?"}" };
        if (input.ContextUsedPercent is { } used) parts.Add(string.Create(CultureInfo.InvariantCulture, $"ctx {used:0}%"));
        if (figures is null)
        {
            parts.Add(DownMark);
            return string.Join(Separator, parts);
        }
        parts.Add($"cache {UsageFormat.Rate(figures.CacheHitRate)}");
        parts.Add(UsageFormat.Cost(figures.CostUsd));
        if (figures.Budget != BudgetLevel.Ok)
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"⚠ {figures.BudgetName} budget {figures.BudgetShare * 100:0}%"));
        return string.Join(Separator, parts);
    }
}
