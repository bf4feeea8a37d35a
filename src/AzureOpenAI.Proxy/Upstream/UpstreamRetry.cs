using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace AzureOpenAI.Proxy.Upstream;

/// <summary>
/// Retries of transient upstream failures (<c>MAX_RETRIES</c>), as a Polly retry strategy in the upstream HttpClient:
/// <code>
/// connection failure (HttpRequestException)     retried
/// 502, 503, 504                                 retried
/// 429                                           not retried: forwarded with retry-after / retry-after-ms, so Claude Code shows and honours the wait
/// everything else, and any cancellation         not retried (REQUEST_TIMEOUT and the client's abort stay what they are)
/// </code>
/// A request whose pool has another backend to move to (<see cref="FailoverAvailable"/>) is not retried on a 503 or a
/// connection failure: the pool moves it on at once (<c>Pools/Failover</c>). The last backend keeps its retries.
/// The upstream is called with ResponseHeadersRead, so the strategy only ever sees attempts that ended before the body:
/// a retry can never resend once bytes have reached the client. Delays back off exponentially with jitter from
/// <see cref="BaseDelay"/>; the upstream's retry-after on a 5xx is not honoured here (it could exceed REQUEST_TIMEOUT),
/// Claude Code's own retry of the final 529/504 takes over.
/// </summary>
internal sealed record UpstreamRetry(int MaxRetries, TimeSpan BaseDelay)
{
    public static readonly TimeSpan DefaultBaseDelay = TimeSpan.FromMilliseconds(500);

    /// <summary>Set by the pool when another backend could take the request.</summary>
    public static readonly HttpRequestOptionsKey<bool> FailoverAvailable = new("azure-openai.failover-available");

    public HttpRetryStrategyOptions StrategyOptions() => new()
    {
        MaxRetryAttempts = MaxRetries,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        Delay = BaseDelay,
        ShouldRetryAfterHeader = false,
        ShouldHandle = arguments => ValueTask.FromResult(IsTransient(arguments.Outcome)
            && !(MovesToAnotherBackend(arguments.Outcome) && arguments.Context.GetRequestMessage() is { } request
                && request.Options.TryGetValue(FailoverAvailable, out var available) && available)),
    };

    /// <summary>The transient outcomes a pool fails over on, as <c>Pools/Failover</c> does.</summary>
    private static bool MovesToAnotherBackend(Outcome<HttpResponseMessage> outcome) =>
        outcome is { Exception: HttpRequestException } or { Result.StatusCode: HttpStatusCode.ServiceUnavailable };

    public static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException } => true,
        { Result.StatusCode: HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout } => true,
        _ => false,
    };
}
