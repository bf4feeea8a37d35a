using System.Text.Json;
using AzureOpenAI.Translation.Anthropic;
using AzureOpenAI.Translation.Mapping;
using AzureOpenAI.Translation.Tokens;
using BenchmarkDotNet.Attributes;

namespace AzureOpenAI.Benchmarks;

/// <summary>What the proxy does per request before the upstream call: parse once, translate, (count_tokens) count.</summary>
[MemoryDiagnoser]
public class RequestBenchmarks
{
    private byte[] _body = [];
    private JsonDocument _document = null!; // _parsed points into it
    private MessagesRequest _parsed = new();
    private readonly DeploymentOptions _options = new() { Deployment = "gpt-5-mini", IsReasoningModel = true, MaxTokensLimit = 131072 };

    [GlobalSetup]
    public void Setup()
    {
        _body = CapturedRequest.LoadBody();
        _document = JsonDocument.Parse(_body);
        _parsed = MessagesRequestBinder.TryBind(_document.RootElement)!;
    }

    [GlobalCleanup]
    public void Cleanup() => _document.Dispose();

    /// <summary>As the proxy parses: one document (disposed here at once; the proxy keeps it for the request), bound.</summary>
    [Benchmark]
    public MessagesRequest Parse()
    {
        using var document = JsonDocument.Parse(_body);
        return MessagesRequestBinder.TryBind(document.RootElement)!;
    }

    [Benchmark]
    public UpstreamRequest Translate() => ChatCompletionsRequestMapper.Build(_parsed, _options);

    [Benchmark]
    public UpstreamRequest ParseAndTranslate()
    {
        using var document = JsonDocument.Parse(_body);
        return ChatCompletionsRequestMapper.Build(MessagesRequestBinder.TryBind(document.RootElement)!, _options);
    }

    [Benchmark]
    public int CountTokens() => TokenCounter.CountInputTokens(_parsed, "gpt-5-mini");
}
