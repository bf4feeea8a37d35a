using System.Globalization;
using AzureOpenAI.Translation.Errors;

namespace AzureOpenAI.Proxy.Upstream.Pools;

/// <summary>
/// A backend that answered 429 (or an APIM quota 403, or a 503 with a wait) is left alone until the wait it named
/// is over: <c>retry-after-ms</c>, else <c>retry-after</c> (seconds or an HTTP date), else the wait in the message
/// ("retry after 86400 seconds", "replenished in 00:00:59"). A failure that names no wait cools nothing: the next
/// request may try the backend again (Azure's Responses API has answered 429 without a retry-after).
/// </summary>
internal sealed class BackendCooldown(TimeProvider time)
{
    private long _untilTicks;

    public DateTimeOffset? Until
    {
        get
        {
            var until = Interlocked.Read(ref _untilTicks);
            return until > time.GetUtcNow().UtcTicks ? new DateTimeOffset(until, TimeSpan.Zero) : null;
        }
    }

    public bool IsCooling => Until is not null;

    public void CoolFor(TimeSpan wait) => Interlocked.Exchange(ref _untilTicks, (time.GetUtcNow() + wait).UtcTicks);

    /// <summary>The wait <paramref name="failure"/> names, or null when it names none.</summary>
    public static TimeSpan? WaitOf(UpstreamFailure failure, DateTimeOffset now)
    {
        string? Header(string name) => failure.RetryHeaders.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
        if (double.TryParse(Header("retry-after-ms"), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0)
            return TimeSpan.FromMilliseconds(ms);
        if (Header("retry-after") is { } retryAfter)
        {
            if (double.TryParse(retryAfter, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
                return TimeSpan.FromSeconds(seconds);
            if (DateTimeOffset.TryParse(retryAfter, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
                return date > now ? date - now : TimeSpan.Zero;
        }
        return UpstreamErrorMapper.QuotaResetAfter(failure.Body);
    }
}
