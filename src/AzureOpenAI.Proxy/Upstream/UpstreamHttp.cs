using Microsoft.Extensions.DependencyInjection;

namespace AzureOpenAI.Proxy.Upstream;

/// <summary>
/// The one named HttpClient every upstream call uses, over a single pooled <see cref="SocketsHttpHandler"/>.
/// Resilience (retries of connection failures and 502/503 honouring retry-after, Entra ID tokens) plugs in here as
/// handlers on this client (e.g. <c>AddResilienceHandler</c>), so the request path stays as it is.
/// </summary>
internal static class UpstreamHttp
{
    public const string ClientName = "upstream";

    public static IHttpClientBuilder AddUpstreamHttpClient(this IServiceCollection services, TimeSpan connectTimeout) =>
        services.AddHttpClient(ClientName, client =>
            {
                // REQUEST_TIMEOUT is enforced per call (UpstreamCall), as silence while streaming, not here.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
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
}
