using AzureOpenAI.Proxy.Usage;
using Microsoft.AspNetCore.Http;

namespace AzureOpenAI.Proxy.Tests.Usage;

public class UsageRecordBuilderTests
{
    private readonly ManualClock _clock = new(Records.Noon);

    [Fact]
    public void ARequest_BecomesOneRecord_WithItsHeadersRouteTokensAndTimes()
    {
        var headers = new HeaderDictionary { ["X-Claude-Code-Session-Id"] = "session-9", ["x-claude-code-agent-id"] = "agent-3" };
        var usage = UsageRecordBuilder.Start(headers, "claude-sonnet-4-5", _clock);
        usage.Routed("azure", "gpt-4.1", "chat");
        _clock.Now += TimeSpan.FromMilliseconds(5);
        usage.UpstreamStarted();
        _clock.Now += TimeSpan.FromMilliseconds(300);
        usage.FirstToken();
        _clock.Now += TimeSpan.FromMilliseconds(700);
        usage.FirstToken(); // only the first counts
        usage.Tokens(input: 12_000, cached: 10_000, output: 800, reasoning: 100);
        usage.UpstreamEnded();
        _clock.Now += TimeSpan.FromMilliseconds(2);

        var record = usage.Finish(200, null);

        Assert.Equal(new UsageRecord
        {
            Time = Records.Noon, Session = "session-9", Agent = "agent-3", RequestedModel = "claude-sonnet-4-5", Tier = ModelTier.Middle,
            Backend = "azure", Deployment = "gpt-4.1", Api = "chat", InputTokens = 12_000, CachedTokens = 10_000, OutputTokens = 800,
            ReasoningTokens = 100, UpstreamTime = TimeSpan.FromMilliseconds(1000), TimeToFirstToken = TimeSpan.FromMilliseconds(300),
            ProxyTime = TimeSpan.FromMilliseconds(7), Status = 200,
        }, record);
    }

    [Fact]
    public void WithoutClaudeCodesHeaders_ItIsTheMainAgentOfNoSession_AndARejectedRequestHasNoUpstreamTime()
    {
        var usage = UsageRecordBuilder.Start(new HeaderDictionary(), "gpt-4o", _clock);
        _clock.Now += TimeSpan.FromMilliseconds(3);

        var record = usage.Finish(429, "rate_limit_error");

        Assert.Null(record.Session);
        Assert.Equal(UsageRecord.MainAgent, record.Agent);
        Assert.Equal(ModelTier.Other, record.Tier);
        Assert.Null(record.UpstreamTime);
        Assert.Equal(TimeSpan.FromMilliseconds(3), record.ProxyTime);
        Assert.Equal((429, "rate_limit_error"), (record.Status, record.ErrorType));
    }

    [Fact]
    public void AnUpstreamCallThatNeverEnded_LastsUntilTheRecordIsFinished()
    {
        var usage = UsageRecordBuilder.Start(new HeaderDictionary(), "claude-haiku-4-5", _clock);
        usage.UpstreamStarted();
        _clock.Now += TimeSpan.FromSeconds(2);

        Assert.Equal(TimeSpan.FromSeconds(2), usage.Finish(502, "api_error").UpstreamTime);
    }

    [Fact]
    public void AHostileHeader_IsCut() =>
        Assert.Equal(128, UsageRecordBuilder.Start(new HeaderDictionary { ["X-Claude-Code-Session-Id"] = new string('x', 10_000) }, "m", _clock)
            .Finish(200, null).Session!.Length);
}
