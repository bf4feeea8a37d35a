// Load run for the whole proxy (bench/README.md): the fake upstream streams a 200-chunk answer for every request, the
// real `bin/azure-openai serve` translates, and CONCURRENCY clients send REQUESTS streaming requests in total.
// Reports requests/s and the client-side latency to the first event and to the end of the stream. Loopback only.
// `soak MINUTES` and `fuzz CASES` are the long runs of SoakCommand.
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using AzureOpenAI.LoadTest;
using AzureOpenAI.TestSupport.FakeUpstream;

if (args is ["soak" or "fuzz", ..]) return await SoakCommand.RunAsync(args);

var requests = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 32;

await using var upstream = await FakeUpstreamServer.StartAsync(new FakeUpstreamOptions { ValidateAgainstSpecs = false });
var answer = ChatSse.TextAnswer(string.Join(' ', Enumerable.Range(0, 200).Select(i => $"word{i}")));
for (var i = 0; i < requests + concurrency; i++) upstream.Enqueue(FakeResponse.Stream(answer));

await using var proxy = await ServeProcess.StartAsync(upstream);
using var http = new HttpClient { BaseAddress = proxy.Address };
var body = Encoding.UTF8.GetBytes("""
    {"model":"claude-sonnet-5-5","max_tokens":1024,"stream":true,"messages":[{"role":"user","content":"Count to two hundred."}]}
    """);

// Warm-up: JIT, connection pools, the tokenizer.
await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => SendAsync()));

var firstEvent = new double[requests];
var complete = new double[requests];
var next = -1;
var clock = Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
{
    int i;
    while ((i = Interlocked.Increment(ref next)) < requests) (firstEvent[i], complete[i]) = await SendAsync();
}));
var elapsed = clock.Elapsed.TotalSeconds;

Array.Sort(firstEvent);
Array.Sort(complete);
Console.WriteLine($"{requests} streaming requests, {concurrency} concurrent, 200 upstream chunks each: {requests / elapsed:F0} requests/s");
Console.WriteLine($"first event  p50 {Percentile(firstEvent, 50):F1} ms   p99 {Percentile(firstEvent, 99):F1} ms");
Console.WriteLine($"whole stream p50 {Percentile(complete, 50):F1} ms   p99 {Percentile(complete, 99):F1} ms");
return 0;

async Task<(double FirstEvent, double Complete)> SendAsync()
{
    var started = Stopwatch.GetTimestamp();
    using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages") { Content = new ByteArrayContent(body) };
    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
    using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    response.EnsureSuccessStatusCode();
    await using var stream = await response.Content.ReadAsStreamAsync();
    var buffer = new byte[16 * 1024];
    var first = 0.0;
    int read;
    while ((read = await stream.ReadAsync(buffer)) > 0)
        if (first == 0) first = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    return (first, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
}

static double Percentile(double[] sorted, int p) => sorted[Math.Min(sorted.Length - 1, sorted.Length * p / 100)];
