namespace AzureOpenAI.Proxy.Upstream.Pools;

/// <summary>A backend's events of the last hour (requests served, failovers away from it), in one-minute buckets, for <c>status</c>.</summary>
internal sealed class HourlyCount(TimeProvider time)
{
    private const int Minutes = 60;
    private readonly long[] _counts = new long[Minutes];
    private readonly long[] _minutes = new long[Minutes];
    private readonly Lock _lock = new();

    public void Record()
    {
        var minute = CurrentMinute();
        lock (_lock)
        {
            var slot = (int)(minute % Minutes);
            if (_minutes[slot] != minute) (_minutes[slot], _counts[slot]) = (minute, 0);
            _counts[slot]++;
        }
    }

    public long LastHour()
    {
        var minute = CurrentMinute();
        lock (_lock)
        {
            long total = 0;
            for (var slot = 0; slot < Minutes; slot++)
                if (minute - _minutes[slot] < Minutes) total += _counts[slot];
            return total;
        }
    }

    private long CurrentMinute() => time.GetUtcNow().ToUnixTimeSeconds() / 60;
}
