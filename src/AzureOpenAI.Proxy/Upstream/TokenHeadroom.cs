using System.Globalization;
using System.Net.Http.Headers;

namespace AzureOpenAI.Proxy.Upstream;

/// <summary>
/// What a backend has left of its tokens-per-minute, for <see cref="OutputReservation"/>. Azure Standard (and OpenAI)
/// answer with <c>x-ratelimit-remaining-tokens</c>; the proxy books what it sends (prompt + reservation) per minute,
/// so between answers it can tell how much comes back as its own older requests leave the one-minute window:
/// <code>
/// on an answer        limit ≈ remaining + what this proxy booked in the last minute
/// before a request    remaining ≈ limit − what this proxy booked in the last minute
/// </code>
/// Other clients of the deployment show up in the next answer's header. Nothing is known until a first answer, and a
/// limit unconfirmed for <see cref="LimitTrustedFor"/> is forgotten. <c>-1</c> (sent by Azure's Responses API) means unknown.
/// </summary>
internal sealed class TokenHeadroom(TimeProvider time)
{
    public const string RemainingTokensHeader = "x-ratelimit-remaining-tokens";
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan LimitTrustedFor = TimeSpan.FromMinutes(5);

    private readonly Queue<(DateTimeOffset At, int Tokens)> _booked = new();
    private readonly Lock _lock = new();
    private long _bookedInWindow;
    private (long Limit, DateTimeOffset At)? _limit;

    public void Observe(HttpResponseHeaders headers)
    {
        if (!headers.TryGetValues(RemainingTokensHeader, out var values)
            || !int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var remaining))
            return;
        lock (_lock)
        {
            var now = Prune();
            _limit = (remaining + _bookedInWindow, now);
        }
    }

    /// <summary>Shapes the reservation of one request (<see cref="OutputReservation.Shape"/>) and books prompt + reservation.</summary>
    public int Reserve(int promptTokens, int outputCap, int ceiling, int floor)
    {
        lock (_lock)
        {
            var now = Prune();
            int? remaining = _limit is { } limit && now - limit.At < LimitTrustedFor ? (int)Math.Clamp(limit.Limit - _bookedInWindow, 0, int.MaxValue) : null;
            var reservation = OutputReservation.Shape(outputCap, ceiling, floor, promptTokens, remaining);
            _booked.Enqueue((now, promptTokens + reservation));
            _bookedInWindow += promptTokens + reservation;
            return reservation;
        }
    }

    private DateTimeOffset Prune()
    {
        var now = time.GetUtcNow();
        while (_booked.TryPeek(out var oldest) && now - oldest.At >= Window)
            _bookedInWindow -= _booked.Dequeue().Tokens;
        return now;
    }
}
