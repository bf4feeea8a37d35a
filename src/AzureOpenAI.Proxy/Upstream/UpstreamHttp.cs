using Microsoft.Extensions.DependencyInjection;
using Polly;

namespace AzureOpenAI.Proxy.Upstream;

/// <summary>
/// The one named HttpClient every upstream call uses, over a single pooled <see cref="SocketsHttpHandler"/>:
/// <code>
/// retry (UpstreamRetry, only when MAX_RETRIES > 0)  →  Entra ID bearer (EntraAuthHandler: the settings' or the backend's)  →  sockets
/// </code>
/// HttpClient's own request lines exist only when debugging (<c>logEachAttempt</c>). No resilience timeout strategy on
/// purpose: REQUEST_TIMEOUT is enforced per call (UpstreamCall) as silence while streaming, and a total-request timeout
/// would cut long streamed answers.
/// </summary>
internal static class UpstreamHttp
{
    public const string ClientName = "upstream";

    public static IHttpClientBuilder AddUpstreamHttpClient(this IServiceCollection services, TimeSpan connectTimeout, UpstreamRetry retry,
        EntraTokenCache? entraTokens, bool logEachAttempt)
    {
        var builder = services.AddHttpClient(ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90),
                ConnectTimeout = connectTimeout,
                // Identity encoding: a compressed SSE stream could hold events back in the decompressor.
                AutomaticDecompression = System.Net.DecompressionMethods.None,
                UseCookies = false,
            })
            // The handler pools its own connections and follows DNS changes via PooledConnectionLifetime.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        if (retry.MaxRetries > 0)
            builder.AddResilienceHandler("upstream-retry", pipeline => pipeline.AddRetry(retry.StrategyOptions()));
        // Always present: a pools.json backend may use Entra ID while the settings use a key.
        builder.AddHttpMessageHandler(() => new EntraAuthHandler(entraTokens));
        // The factory's logging handlers open a scope and time every attempt even when nothing is written.
        if (!logEachAttempt) builder.RemoveAllLoggers();
        return builder;
    }
}
