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
    private MessagesRequest _parsed = new();
    private readonly DeploymentOptions _options = new() { Deployment = "gpt-5-mini", IsReasoningModel = true, MaxTokensLimit = 131072 };

    [GlobalSetup]
    public void Setup()
    {
        _body = CapturedRequest.LoadBody();
        _parsed = Parse();
    }

    [Benchmark]
    public MessagesRequest Parse() => JsonSerializer.Deserialize(_body, AnthropicJsonContext.Default.MessagesRequest)!;

    [Benchmark]
    public UpstreamRequest Translate() => ChatCompletionsRequestMapper.Build(_parsed, _options);

    [Benchmark]
    public UpstreamRequest ParseAndTranslate() => ChatCompletionsRequestMapper.Build(Parse(), _options);

    [Benchmark]
    public int CountTokens() => TokenCounter.CountInputTokens(_parsed, "gpt-5-mini");
}
