using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Proxy.Tests.Support;
using AzureOpenAI.TestSupport;
using AzureOpenAI.TestSupport.FakeUpstream;
using AzureOpenAI.TestSupport.Specs;

namespace AzureOpenAI.Proxy.Tests.Replays;

/// <summary>
/// The real requests captured from Claude Code 2.1.328 (../shared/fixtures), sent with their own headers through the
/// proxy to the strict fake, for each upstream style. The fake accepts the translated body (it validates it against the
/// specs and the services' rules) and the proxy's answer is a well-formed Anthropic stream whose every event validates.
/// </summary>
public sealed class CapturedRequestReplayTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> Cases() => new()
    {
        { "first-turn.request.json", "azure-v1" },
        { "first-turn.request.json", "azure-dated" },
        { "first-turn.request.json", "openai" },
        { "tool-result-turn.request.json", "azure-v1" },
        { "tool-result-turn.request.json", "azure-dated" },
        { "tool-result-turn.request.json", "openai" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task CapturedRequest_PassesTheStrictUpstream_AndStreamsValidAnthropicEvents(string fixture, string style)
    {
        var capture = JsonNode.Parse(await File.ReadAllTextAsync(
            RepositoryPaths.Shared(Path.Combine("fixtures", "claude-code-2.1.328", fixture)), Token))!;
        await using var upstream = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        upstream.Enqueue(FakeResponse.Stream([ChatSse.AzurePromptFilterResults(), .. ChatSse.TextAnswer("Replayed fine.")]));
        await using var proxy = await TestProxy.StartAsync(Settings(upstream, style, capturedKey: (string)capture["headers"]!["x-api-key"]!));

        using var request = new HttpRequestMessage(HttpMethod.Post, (string)capture["url"]!)
        {
            Content = new StringContent(capture["body"]!.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        foreach (var (name, value) in capture["headers"]!.AsObject())
            if (name is not ("content-type" or "content-length" or "host" or "connection" or "accept-encoding"))
                request.Headers.TryAddWithoutValidation(name, (string?)value);
        using var response = await proxy.Http.SendAsync(request, Token);
        var body = await response.Content.ReadAsByteArrayAsync(Token);

        Assert.True(response.StatusCode == HttpStatusCode.OK, Encoding.UTF8.GetString(body));
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var received = Assert.Single(upstream.Requests);
        Assert.Null(received.Rejection);
        AnthropicStreamAssert.WellFormed(body);
        var events = SseEvents.Parse(Encoding.UTF8.GetString(body));
        foreach (var e in events) AnthropicSchemas.AssertValidStreamEvent(e.Event!, JsonNode.Parse(e.Data), fixture);
        Assert.Equal("claude-opus-5-5", (string?)JsonNode.Parse(events[0].Data)!["message"]!["model"]);
        var text = string.Concat(events.Select(e => JsonNode.Parse(e.Data)!["delta"]?["text"]?.GetValue<string>()));
        Assert.Equal("Replayed fine.", text);
    }

    private static ProxySettings Settings(FakeUpstreamServer upstream, string style, string capturedKey) => style switch
    {
        "azure-v1" => new()
        {
            BaseUrl = upstream.BaseUri, ApiKey = upstream.Options.ApiKey, Provider = ProviderKind.Azure, AzureApiVersion = "v1",
            BigModel = "gpt-5-mini", MiddleModel = "gpt-4.1", SmallModel = "gpt-4o-mini", ProxyAuthToken = capturedKey,
        },
        "azure-dated" => new()
        {
            BaseUrl = upstream.BaseUri, ApiKey = upstream.Options.ApiKey, Provider = ProviderKind.Azure, AzureApiVersion = "2024-10-21",
            BigModel = "gpt-4o", MiddleModel = "gpt-4o", SmallModel = "gpt-4o-mini", ProxyAuthToken = capturedKey,
        },
        _ => new()
        {
            BaseUrl = upstream.OpenAIBaseUri, ApiKey = upstream.Options.ApiKey, Provider = ProviderKind.OpenAI,
            BigModel = "gpt-5", MiddleModel = "gpt-4.1", SmallModel = "gpt-4o-mini", ProxyAuthToken = capturedKey,
        },
    };
}
