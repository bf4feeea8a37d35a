namespace AzureOpenAI.Proxy.Server;

/// <summary>
/// The proxy's own time (Server-Timing <c>proxy</c>) of the last <see cref="Capacity"/> API requests, for the median
/// that <c>/health</c> and <c>status</c> report. Recording is a lock and a store; sorting happens only when asked.
/// </summary>
internal sealed class ProxyOverheadWindow
{
    public const int Capacity = 256;

    private readonly Lock _lock = new();
    private readonly double[] _milliseconds = new double[Capacity];
    private long _recorded;

    public void Record(TimeSpan overhead)
    {
        lock (_lock) _milliseconds[_recorded++ % Capacity] = overhead.TotalMilliseconds;
    }

    /// <summary>The median in milliseconds and how many requests it is taken over; null before the first request.</summary>
    public (double? MedianMs, int Requests) Median()
    {
        double[] window;
        lock (_lock) window = _milliseconds[..(int)Math.Min(_recorded, Capacity)];
        if (window.Length == 0) return (null, 0);
        Array.Sort(window);
        var middle = window.Length / 2;
        var median = window.Length % 2 == 1 ? window[middle] : (window[middle - 1] + window[middle]) / 2;
        return (median, window.Length);
    }
}
