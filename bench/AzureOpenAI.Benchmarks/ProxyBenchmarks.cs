using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Proxy.Server;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace AzureOpenAI.Benchmarks;

/// <summary>
/// The whole proxy in this process, on loopback, between an HttpClient and <see cref="CannedUpstream"/>: a tiny request and the ~50 KB
/// Claude Code request answered whole, streamed (40 text chunks), and counted. Allocations are the whole process's
/// (client and canned upstream included; both are small and the same before and after a change).
/// Logging is on at the default level into a logger that formats every line and drops it.
/// </summary>
[MemoryDiagnoser]
public class ProxyBenchmarks
{
    private CannedUpstream _upstream = null!;
    private WebApplication _proxy = null!;
    private readonly string _usageHome = Directory.CreateTempSubdirectory("azure-openai-bench-usage-").FullName;
    private HttpClient _client = null!;
    private readonly byte[] _readBuffer = new byte[16 * 1024]; // the requests run one at a time: one buffer, so the client allocates next to nothing
    private byte[] _wholeBody = [];
    private byte[] _streamBody = [];
    private readonly byte[] _tinyBody = """{"model":"claude-sonnet-4-5","max_tokens":256,"messages":[{"role":"user","content":"What is 2 + 2?"}]}"""u8.ToArray();

    [GlobalSetup]
    public void Setup()
    {
        var chunks = Enumerable.Range(0, 40).Select(i => ChatChunks.Text($"word{i} "));
        _upstream = new CannedUpstream(ChatChunks.WholeAnswer("Done: the tests pass."),
            ChatChunks.EventStream([.. chunks, ChatChunks.Finish("stop"), ChatChunks.Done]));
        var settings = new ProxySettings
        {
            Host = "127.0.0.1",
            Port = 0,
            BaseUrl = _upstream.BaseUri,
            ApiKey = "bench-key",
            Provider = ProviderKind.Azure,
            BigModel = "gpt-4o",
            MiddleModel = "gpt-4o",
            SmallModel = "gpt-4o-mini",
        };
        _proxy = ProxyApp.Build(settings, new ProxyHostOptions { ConfigureLogging = l => l.AddProvider(new DiscardingLoggerProvider()), UsageDataHome = _usageHome });
        _proxy.StartAsync().GetAwaiter().GetResult();
        _client = new HttpClient { BaseAddress = ProxyApp.ListeningAddress(_proxy) };
        _wholeBody = Body(stream: false);
        _streamBody = Body(stream: true);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _proxy.StopAsync().GetAwaiter().GetResult();
        _proxy.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _upstream.Dispose();
        Directory.Delete(_usageHome, recursive: true);
    }

    /// <summary>A tiny request answered whole: what every request costs whatever its size.</summary>
    [Benchmark]
    public Task<int> TinyAnswer() => PostAsync("/v1/messages", _tinyBody);

    [Benchmark]
    public Task<int> WholeAnswer() => PostAsync("/v1/messages", _wholeBody);

    [Benchmark]
    public Task<int> StreamedAnswer() => PostAsync("/v1/messages", _streamBody);

    [Benchmark]
    public Task<int> CountTokens() => PostAsync("/v1/messages/count_tokens", _wholeBody);

    private async Task<int> PostAsync(string path, byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync();
        int read, total = 0;
        while ((read = await stream.ReadAsync(_readBuffer)) > 0) total += read;
        return total;
    }

    private static byte[] Body(bool stream)
    {
        var body = JsonNode.Parse(CapturedRequest.LoadBody())!;
        body["stream"] = stream;
        return System.Text.Encoding.UTF8.GetBytes(body.ToJsonString());
    }
}
