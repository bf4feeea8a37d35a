using System.Net.Http;

namespace AzureOpenAI.Proxy.Daemon;

/// <summary>
/// Asks a proxy's <c>GET /health</c> whether it answers (DESIGN.md §4: 200 with <c>{"status":"ok",…}</c>) and who it is
/// (<see cref="DaemonIdentity"/>).
/// </summary>
internal static class HealthProbe
{
    // A /health answer is a few hundred bytes; whatever else listens on the port gets no more than this.
    private const int MaxAnswerBytes = 64 * 1024;

    public static async Task<bool> IsHealthyAsync(Uri baseUrl, TimeSpan timeout, CancellationToken cancellationToken) =>
        await ReadAsync(baseUrl, timeout, cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>The identity of what answers at <paramref name="baseUrl"/>, or null when nothing (or no proxy) does.</summary>
    public static async Task<DaemonIdentity?> IdentifyAsync(Uri baseUrl, TimeSpan timeout, CancellationToken cancellationToken) =>
        await ReadAsync(baseUrl, timeout, cancellationToken).ConfigureAwait(false) is { } body ? DaemonIdentity.Parse(body) : null;

    /// <summary>The body of a successful <c>/health</c> answer, or null.</summary>
    private static async Task<string?> ReadAsync(Uri baseUrl, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = timeout, MaxResponseContentBufferSize = MaxAnswerBytes };
        try
        {
            using var response = await client.GetAsync(new Uri(baseUrl, "/health"), cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false) : null;
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
