using System.Text.Json;

namespace AzureOpenAI.Proxy.Usage;

/// <summary>What <c>GET /azure-openai/session/{id}</c> answers, as the statusline reads it.</summary>
internal sealed record SessionFigures(string? Deployment, long Requests, double? CacheHitRate, decimal CostUsd, BudgetLevel Budget,
    string? BudgetName, double BudgetShare)
{
    public static SessionFigures? Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            var budget = root.GetProperty("budget");
            return new SessionFigures(
                root.GetProperty("deployment").GetString(),
                root.GetProperty("requests").GetInt64(),
                root.GetProperty("cacheHitRate") is { ValueKind: JsonValueKind.Number } rate ? rate.GetDouble() : null,
                root.GetProperty("costUsd").GetDecimal(),
                BudgetLevels.Parse(budget.GetProperty("level").GetString()),
                budget.GetProperty("name").GetString(),
                budget.GetProperty("share").GetDouble());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
