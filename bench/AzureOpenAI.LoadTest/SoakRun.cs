using System.Collections.Concurrent;
using System.Diagnostics;
using AzureOpenAI.Proxy.Tests.Fuzz;

namespace AzureOpenAI.LoadTest;

/// <summary>The figures of one soak or fuzz run: latencies, errors and the serve process's RSS over time.</summary>
internal sealed class SoakRun(ServeProcess proxy)
{
    private readonly ConcurrentBag<double> _latencies = [];
    private readonly long _startRss = proxy.ResidentBytes;
    private long _peakRss = proxy.ResidentBytes;
    private int _errors;

    public int Errors => _errors;

    public async Task<FuzzAnswer> SendAsync(HttpClient http, FuzzCase fuzzCase)
    {
        var started = Stopwatch.GetTimestamp();
        var answer = await FuzzOracle.CheckAsync(http, fuzzCase, CancellationToken.None);
        _latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return answer;
    }

    public void CountError() => Interlocked.Increment(ref _errors);

    public void SampleRss()
    {
        var rss = proxy.ResidentBytes;
        long peak;
        while (rss > (peak = Interlocked.Read(ref _peakRss)) && Interlocked.CompareExchange(ref _peakRss, rss, peak) != peak) { }
    }

    public void Report(string title, TimeSpan elapsed)
    {
        SampleRss();
        var sorted = _latencies.ToArray();
        Array.Sort(sorted);
        Console.WriteLine($"{title}: {sorted.Length} requests in {elapsed.TotalMinutes:F1} min ({sorted.Length / elapsed.TotalSeconds:F0}/s), {Errors} errors");
        Console.WriteLine($"latency      p50 {Percentile(sorted, 50):F1} ms   p99 {Percentile(sorted, 99):F1} ms");
        Console.WriteLine($"serve RSS    start {Mb(_startRss)} MB   peak {Mb(_peakRss)} MB   end {Mb(proxy.ResidentBytes)} MB");
    }

    private static double Percentile(double[] sorted, int p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, sorted.Length * p / 100)];

    private static string Mb(long bytes) => (bytes / (1024.0 * 1024)).ToString("F0", System.Globalization.CultureInfo.InvariantCulture);
}
