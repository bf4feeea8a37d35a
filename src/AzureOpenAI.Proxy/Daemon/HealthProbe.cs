using System.Net.Http;
using System.Text.Json;

namespace AzureOpenAI.Proxy.Daemon;

/// <summary>
/// Asks a proxy's <c>GET /health</c> whether it answers (DESIGN.md §4: 200 with <c>{"status":"ok",…}</c>), who it is
/// (<see cref="DaemonIdentity"/>) and what it reports (<see cref="HealthReport"/>).
/// </summary>
internal static class HealthProbe
{
    // A /health answer is a few hundred bytes; whatever else listens on the port gets no more than this.
    private const int MaxAnswerBytes = 64 * 1024;

    public static async Task<bool> IsHealthyAsync(Uri baseUrl, TimeSpan timeout, CancellationToken cancellationToken) =>
        await ReadBodyAsync(baseUrl, timeout, cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>The identity of what answers at <paramref name="baseUrl"/>, or null when nothing (or no proxy) does.</summary>
    public static async Task<DaemonIdentity?> IdentifyAsync(Uri baseUrl, TimeSpan timeout, CancellationToken cancellationToken) =>
        await ReadBodyAsync(baseUrl, timeout, cancellationToken).ConfigureAwait(false) is { } body
            ? DaemonIdentity.Parse(System.Text.Encoding.UTF8.GetString(body))
            : null;

    /// <summary>Whether the proxy answered 200, and its <c>proxyOverhead</c> (absent from an older proxy's answer).</summary>
    public static async Task<HealthReport> ReadAsync(Uri baseUrl, TimeSpan timeout, CancellationToken cancellationToken) =>
        await ReadBodyAsync(baseUrl, timeout, cancellationToken).ConfigureAwait(false) is { } body ? HealthReport.Parse(body) : HealthReport.NotAnswering;

    /// <summary>The body of a successful <c>/health</c> answer, or null.</summary>
    private static async Task<byte[]?> ReadBodyAsync(Uri baseUrl, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = timeout, MaxResponseContentBufferSize = MaxAnswerBytes };
        try
        {
            using var response = await client.GetAsync(new Uri(baseUrl, "/health"), cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false) : null;
        }
        catch (HttpRequestException) { return null; }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested) { return null; }
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

/// <summary>One pool backend as <c>/health</c> reports it: its state, its share of its pool's last hour, and the failovers from it.</summary>
internal sealed record BackendLine(string Pool, string Backend, string State, string? Until, double ShareLastHour, long FailoversLastHour);

/// <summary>
/// A <c>/health</c> answer: healthy, the median proxy overhead of its last API requests when it has one, and its
/// backends (empty from an older proxy).
/// </summary>
internal sealed record HealthReport(bool Healthy, double? OverheadMedianMs, int OverheadRequests, IReadOnlyList<BackendLine> Backends)
{
    public static readonly HealthReport NotAnswering = new(false, null, 0, []);

    public static HealthReport Parse(byte[] body)
    {
        try
        {
            using var health = JsonDocument.Parse(body);
            var root = health.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return new HealthReport(true, null, 0, []);
            double? median = null;
            var requests = 0;
            if (root.TryGetProperty("proxyOverhead", out var overhead) && overhead.ValueKind == JsonValueKind.Object)
            {
                median = overhead.TryGetProperty("medianMs", out var ms) && ms.ValueKind == JsonValueKind.Number && ms.TryGetDouble(out var value) ? value : null;
                requests = overhead.TryGetProperty("requests", out var count) && count.ValueKind == JsonValueKind.Number && count.TryGetInt32(out var n) ? n : 0;
            }
            return new HealthReport(true, median, requests, ReadBackends(root));
        }
        catch (JsonException)
        {
            return new HealthReport(true, null, 0, []); // it answered 200; what it said is not ours to judge here
        }
    }

    private static List<BackendLine> ReadBackends(JsonElement root)
    {
        var lines = new List<BackendLine>();
        if (!root.TryGetProperty("backends", out var backends) || backends.ValueKind != JsonValueKind.Array) return lines;
        foreach (var b in backends.EnumerateArray())
            if (b.ValueKind == JsonValueKind.Object)
                lines.Add(new BackendLine(Text(b, "pool") ?? "?", Text(b, "backend") ?? "?", Text(b, "state") ?? "?", Text(b, "until"),
                    b.TryGetProperty("shareLastHour", out var share) && share.TryGetDouble(out var s) ? s : 0,
                    b.TryGetProperty("failoversLastHour", out var failovers) && failovers.TryGetInt64(out var f) ? f : 0));
        return lines;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
