using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace AzureOpenAI.Proxy.Upstream.Pools;

/// <summary>
/// The answers a pool gives when none of its backends can take a request, shaped as upstream failures so that they
/// take the one error path (<see cref="UpstreamErrors"/>):
/// <code>
/// quota for longer than a minute (a daily quota)  429 rate_limit_error naming the deployment and the reset time, x-should-retry: false
///                                                 (Claude Code gives up on waits over 60 s anyway; this says why)
/// a shorter quota named only in the message      the failure with a retry-after (APIM's 403 "replenished in 00:00:59")
/// every backend cooling down for less            429 with retry-after for the earliest one, which Claude Code waits out
/// every backend behind an open circuit           503 → 529 overloaded_error, which Claude Code retries
/// </code>
/// </summary>
internal static class QuotaFailures
{
    /// <summary>Claude Code retries a 429 only when its retry-after is at most this long.</summary>
    public static readonly TimeSpan LongestRetriedWait = TimeSpan.FromSeconds(60);

    /// <summary>The last backend's failure, shaped when it is a quota: see the table above. Takes over <paramref name="failure"/>.</summary>
    public static UpstreamFailure Final(UpstreamFailure failure, Backend backend, DeploymentPool pool, DateTimeOffset now)
    {
        if (!Failover.IsQuota(failure) || BackendCooldown.WaitOf(failure, now) is not { } wait) return failure;
        if (wait <= LongestRetriedWait)
            return failure.RetryHeaders.Count > 0 ? failure
                : new UpstreamFailure(failure.Kind, failure.Api, failure.Deadline, failure.Latency)
                {
                    Status = failure.Status, Body = failure.Body, Exception = failure.Exception, RetryHeaders = RetryAfter(wait),
                };
        using (failure)
            return LongQuota(backend, pool, now + wait, failure.Api, NewDeadline(failure));
    }

    /// <summary>No backend of the pool could be tried: all cooling down, or behind open circuits.</summary>
    public static UpstreamFailure NoneAvailable(DeploymentPool pool, DateTimeOffset now, UpstreamDeadline deadline)
    {
        var usable = pool.Backends.Where(pool.MayServe).ToList();
        var cooling = usable.Where(b => b.Cooldown.Until is not null).MinBy(b => b.Cooldown.Until);
        if (cooling?.Cooldown.Until is not { } until)
        {
            var first = usable.MinBy(b => b.Circuit.OpenUntil) ?? pool.Backends[0];
            return Failure(first.Api, deadline, 503,
                $"every backend of the {pool.Name} pool is failing (circuit open until {Format(first.Circuit.OpenUntil)}); last tried: {first.Name}", []);
        }
        if (until - now > LongestRetriedWait) return LongQuota(cooling, pool, until, cooling.Api, deadline);
        return Failure(cooling.Api, deadline, 429,
            $"every backend of the {pool.Name} pool is rate limited; {cooling.Name} is available again in {Seconds(until - now)} s", RetryAfter(until - now));
    }

    private static KeyValuePair<string, string>[] RetryAfter(TimeSpan wait) =>
        [new("retry-after", Seconds(wait).ToString(CultureInfo.InvariantCulture)), new("retry-after-ms", (Seconds(wait) * 1000L).ToString(CultureInfo.InvariantCulture))];

    private static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    private static UpstreamFailure LongQuota(Backend backend, DeploymentPool pool, DateTimeOffset until, IUpstreamApi api, UpstreamDeadline deadline) =>
        Failure(api, deadline, 429,
            $"the deployment {backend.Deployment} ({backend.Profile.EndpointHost}) is out of quota until {Format(until)}, and no other backend "
            + $"of the {pool.Name} pool can take the request: wait until then, raise the deployment's quota, or add a backend to pools.json",
            [new("x-should-retry", "false")]);

    private static UpstreamFailure Failure(IUpstreamApi api, UpstreamDeadline deadline, int status, string message,
        IReadOnlyList<KeyValuePair<string, string>> headers) =>
        new(UpstreamFailureKind.HttpStatus, api, deadline, TimeSpan.Zero) { Status = status, Body = AzureErrorBody(status, message), RetryHeaders = headers };

    /// <summary>Azure's error shape, <c>{"error":{"code":"429","message":…}}</c>, which the error mapper reads like the real one.</summary>
    private static byte[] AzureErrorBody(int status, string message)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("error"u8);
            writer.WriteString("code"u8, status.ToString(CultureInfo.InvariantCulture));
            writer.WriteString("message"u8, message);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static UpstreamDeadline NewDeadline(UpstreamFailure failure) => new(CancellationToken.None, failure.Deadline.IdleTimeout);

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
