using System.Text;
using System.Text.Json;

namespace AzureOpenAI.Proxy.Usage;

/// <summary>
/// <c>usage --json</c>, a stable shape for scripts: <c>since</c> (ISO 8601, UTC), <c>by</c>, <c>groups[]</c> (each
/// with its <c>key</c> and the totals) and <c>total</c>. Token counts are integers, <c>costUsd</c> a number,
/// <c>cacheHitRate</c> a fraction or null.
/// </summary>
internal static class UsageReportJson
{
    public static string Write(UsageReport report)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("since"u8, report.Since.UtcDateTime);
            json.WriteString("by"u8, UsageReport.Name(report.By));
            json.WriteStartArray("groups"u8);
            foreach (var group in report.Groups)
            {
                json.WriteStartObject();
                json.WriteString("key"u8, group.Key);
                WriteTotals(json, group.Totals);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartObject("total"u8);
            WriteTotals(json, report.Total);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteTotals(Utf8JsonWriter json, UsageTotals totals)
    {
        json.WriteNumber("requests"u8, totals.Requests);
        json.WriteNumber("inputTokens"u8, totals.InputTokens);
        json.WriteNumber("cachedTokens"u8, totals.CachedTokens);
        json.WriteNumber("outputTokens"u8, totals.OutputTokens);
        json.WriteNumber("reasoningTokens"u8, totals.ReasoningTokens);
        if (totals.CacheHitRate is { } rate) json.WriteNumber("cacheHitRate"u8, Math.Round(rate, 4));
        else json.WriteNull("cacheHitRate"u8);
        json.WriteNumber("costUsd"u8, Math.Round(totals.CostUsd, 6));
        json.WriteNumber("unpricedRequests"u8, totals.UnpricedRequests);
    }
}
