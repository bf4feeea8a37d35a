using System.Net.Http;

namespace AzureOpenAI.Proxy.Daemon;

/// <summary>Asks a proxy's <c>GET /health</c> whether it answers (DESIGN.md §4: 200 with <c>{"status":"ok",…}</c>).</summary>
internal static class HealthProbe
{
    public static async Task<bool> IsHealthyAsync(Uri baseUrl, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = timeout };
        try
        {
            using var response = await client.GetAsync(new Uri(baseUrl, "/health"), cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException) { return false; }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested) { return false; }
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
