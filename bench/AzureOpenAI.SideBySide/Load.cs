using System.Diagnostics;
using System.Net.Http.Headers;

namespace AzureOpenAI.SideBySide;

/// <summary>One load run: CONCURRENCY clients post the same body until a request count or a duration is reached, whichever comes first, reading every answer to its end.</summary>
internal static class Load
{
    public static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    public static async Task<LoadResult> RunAsync(HttpClient http, Uri url, byte[] body, int concurrency, int maxRequests, TimeSpan maxDuration)
    {
        var latencies = new double[maxRequests];
        var next = -1;
        var done = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while (clock.Elapsed < maxDuration && (i = Interlocked.Increment(ref next)) < maxRequests)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.PostAsync(url, Json(body));
                response.EnsureSuccessStatusCode();
                await response.Content.CopyToAsync(Stream.Null);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                Interlocked.Increment(ref done);
            }
        }));
        // Every index handed out was answered: the first DONE slots hold the latencies.
        return new LoadResult(latencies[..done], clock.Elapsed);
    }
}

/// <summary>The latencies (ms) of a run's requests and how long it took.</summary>
internal sealed record LoadResult(double[] Latencies, TimeSpan Elapsed)
{
    public int Count => Latencies.Length;
    public double RequestsPerSecond => Count / Elapsed.TotalSeconds;
    public double P50 => Percentile(50);

    public double Percentile(int p)
    {
        var sorted = Latencies.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, sorted.Length * p / 100)];
    }

    /// <summary>Two runs of the same cell as one (alternated rounds).</summary>
    public LoadResult Plus(LoadResult other) => new([.. Latencies, .. other.Latencies], Elapsed + other.Elapsed);
}
