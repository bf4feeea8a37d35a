using AzureOpenAI.Proxy.Usage;

namespace AzureOpenAI.Proxy.Tests.Usage;

/// <summary>Usage records for tests: every field set, so a round trip that loses one shows.</summary>
internal static class Records
{
    public static readonly DateTimeOffset Noon = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    public static UsageRecord Make(DateTimeOffset? time = null, string session = "session-a", string agent = UsageRecord.MainAgent,
        string model = "claude-opus-4-5", string deployment = "gpt-5", long input = 10_000, long cached = 8_000, long output = 500,
        long reasoning = 200, int status = 200, string? errorType = null, decimal? cost = null) => new()
    {
        Time = time ?? Noon,
        Session = session,
        Agent = agent,
        RequestedModel = model,
        Tier = ModelTiers.Of(model),
        Backend = "azure",
        Deployment = deployment,
        Api = "responses",
        InputTokens = input,
        CachedTokens = cached,
        OutputTokens = output,
        ReasoningTokens = reasoning,
        UpstreamTime = TimeSpan.FromMilliseconds(1234.5),
        TimeToFirstToken = TimeSpan.FromMilliseconds(321),
        ProxyTime = TimeSpan.FromMilliseconds(4.25),
        Status = status,
        ErrorType = errorType,
        CostUsd = cost,
    };
}

/// <summary>A clock the test sets; timestamps advance with it.</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    public override long GetTimestamp() => Now.UtcTicks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;
}
