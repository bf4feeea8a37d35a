using System.Net.Http;
using System.Text.Json;

namespace AzureOpenAI.Proxy.Daemon;

/// <summary>Asks a proxy's <c>GET /health</c> whether it answers (DESIGN.md §4: 200 with <c>{"status":"ok",…}</c>), and what it reports.</summary>
internal static class HealthProbe
{
    public static async Task<bool> IsHealthyAsync(Uri baseUrl, TimeSpan timeout, CancellationToken cancellationToken) =>
        (await ReadAsync(baseUrl, timeout, cancellationToken).ConfigureAwait(false)).Healthy;

    /// <summary>Whether the proxy answered 200, and its <c>proxyOverhead</c> (absent from an older proxy's answer).</summary>
    public static async Task<HealthReport> ReadAsync(Uri baseUrl, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = timeout };
        try
        {
            using var response = await client.GetAsync(new Uri(baseUrl, "/health"), cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode) return HealthReport.NotAnswering;
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return HealthReport.Parse(body);
        }
        catch (HttpRequestException) { return HealthReport.NotAnswering; }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested) { return HealthReport.NotAnswering; }
    }

    /// <summary>The URL a local client uses for a listen address: wildcards are reached through loopback.</summary>
    public static Uri LocalUrl(string host, int port)
    {
        var reachable = host switch
        {
            "0.0.0.0" or "*" or "+" => "127.0.0.1",
            "::" or "[::]" => "[::1]",
            _ when host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') => $"[{host}]",
            _ => host,
        };
        return new Uri($"http://{reachable}:{port}");
    }
}

/// <summary>A <c>/health</c> answer: healthy, and the median proxy overhead of its last API requests when it has one.</summary>
internal sealed record HealthReport(bool Healthy, double? OverheadMedianMs, int OverheadRequests)
{
    public static readonly HealthReport NotAnswering = new(false, null, 0);

    public static HealthReport Parse(byte[] body)
    {
        try
        {
            using var health = JsonDocument.Parse(body);
            if (health.RootElement.ValueKind != JsonValueKind.Object || !health.RootElement.TryGetProperty("proxyOverhead", out var overhead)
                || overhead.ValueKind != JsonValueKind.Object)
                return new HealthReport(true, null, 0);
            double? median = overhead.TryGetProperty("medianMs", out var ms) && ms.ValueKind == JsonValueKind.Number && ms.TryGetDouble(out var value) ? value : null;
            var requests = overhead.TryGetProperty("requests", out var count) && count.ValueKind == JsonValueKind.Number && count.TryGetInt32(out var n) ? n : 0;
            return new HealthReport(true, median, requests);
        }
        catch (JsonException)
        {
            return new HealthReport(true, null, 0); // it answered 200; what it said is not ours to judge here
        }
    }
}
