using System.Net;
using System.Text;
using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Proxy.Server;
using AzureOpenAI.Proxy.Tests.Support;
using AzureOpenAI.Proxy.Usage;
using AzureOpenAI.TestSupport.FakeUpstream;

namespace AzureOpenAI.Proxy.Tests.Usage;

/// <summary>
/// Real requests through the proxy to the strict fake upstream leave one usage record each in the proxy's
/// <c>usage.db</c> (written when the proxy stops, at the latest): tokens in the upstream's terms, the session and agent
/// from Claude Code's headers, the API, timings, the status, and the cost from the list prices.
/// </summary>
public sealed class UsageRecordingTests
{
    private const string Session = "0b5e1c9a-session";
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WholeChatAnswer_RecordsTokensCacheSessionAgentAndCost()
    {
        var records = await RecordAsync(fake => FakeUpstreamSettings.Azure(fake), FakeResponse.Json(ChatCompletionBodies.Text("hi", promptTokens: 2000, completionTokens: 50, cachedTokens: 1500)),
            stream: false, agent: "agent-7");

        var record = Assert.Single(records);
        Assert.Equal((2000L, 1500L, 50L), (record.InputTokens, record.CachedTokens, record.OutputTokens));
        Assert.Equal((Session, "agent-7", "claude-sonnet-4-5", ModelTier.Middle), (record.Session, record.Agent, record.RequestedModel, record.Tier));
        Assert.Equal(("gpt-4o", "chat", 200, (string?)null), (record.Deployment, record.Api, record.Status, record.ErrorType));
        Assert.Null(record.TimeToFirstToken);
        Assert.NotNull(record.UpstreamTime);
        // gpt-4o list prices: 500 uncached × 2.50 + 1500 cached × 1.25 + 50 out × 10, per million.
        Assert.Equal((500 * 2.50m + 1500 * 1.25m + 50 * 10m) / 1_000_000m, record.CostUsd);
    }

    [Fact]
    public async Task StreamedChatAnswer_RecordsReasoningAndTheTimeToFirstToken()
    {
        var records = await RecordAsync(fake => FakeUpstreamSettings.Azure(fake),
            FakeResponse.Stream([ChatSse.Role(), ChatSse.Text("hi"), ChatSse.Finish("stop"), ChatSse.Usage(300, 40, cachedTokens: 100, reasoningTokens: 25), ChatSse.Done]),
            stream: true);

        var record = Assert.Single(records);
        Assert.Equal((300L, 100L, 40L, 25L), (record.InputTokens, record.CachedTokens, record.OutputTokens, record.ReasoningTokens));
        Assert.Equal((UsageRecord.MainAgent, "chat", 200), (record.Agent, record.Api, record.Status));
        Assert.NotNull(record.TimeToFirstToken);
    }

    [Fact]
    public async Task StreamedResponsesAnswer_RecordsTheResponsesApi()
    {
        var records = await RecordAsync(fake => FakeUpstreamSettings.Azure(fake) with { ApiStyle = ApiStyle.Responses },
            FakeResponse.Stream(new ResponsesSse().Created().Message("msg_1", "hi").Completed(ResponsesBodies.Usage(700, 30, cachedTokens: 600, reasoningTokens: 12)).Events),
            stream: true);

        var record = Assert.Single(records);
        Assert.Equal((700L, 600L, 30L, 12L), (record.InputTokens, record.CachedTokens, record.OutputTokens, record.ReasoningTokens));
        Assert.Equal("responses", record.Api);
    }

    [Fact]
    public async Task UpstreamRateLimit_IsRecordedWithItsStatusAndErrorType()
    {
        var records = await RecordAsync(fake => FakeUpstreamSettings.Azure(fake), FakeResponse.RateLimited(), stream: false);

        var record = Assert.Single(records);
        Assert.Equal((429, "rate_limit_error", 0L), (record.Status, record.ErrorType, record.InputTokens));
    }

    private static async Task<IReadOnlyList<UsageRecord>> RecordAsync(Func<FakeUpstreamServer, ProxySettings> settings, FakeResponse answer, bool stream,
        string? agent = null)
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        fake.Enqueue(answer);
        var usageHome = Directory.CreateTempSubdirectory("azure-openai-usage-test-").FullName;
        try
        {
            var proxy = await TestProxy.StartAsync(settings(fake) with { MaxRetries = 0 }, new ProxyHostOptions { UsageDataHome = usageHome });
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages")
            {
                Content = new StringContent(
                    $$"""{"model":"claude-sonnet-4-5","max_tokens":100,"stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"hi"}]}""",
                    Encoding.UTF8, "application/json"),
            };
            request.Headers.Add(ClaudeCodeHeaders.SessionId, Session);
            if (agent is not null) request.Headers.Add(ClaudeCodeHeaders.AgentId, agent);
            using var response = await proxy.Http.SendAsync(request, Token);
            await response.Content.ReadAsByteArrayAsync(Token);
            Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);

            await proxy.DisposeAsync(); // stopping writes what is queued
            return UsageStore.InDataHome(usageHome).ReadSince(DateTimeOffset.MinValue);
        }
        finally
        {
            Directory.Delete(usageHome, recursive: true);
        }
    }
}
