using System.Diagnostics;
using System.Diagnostics.Metrics;
using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Proxy.Usage;

namespace AzureOpenAI.Proxy.Telemetry;

/// <summary>
/// The proxy's metrics, from one place: each finished Messages request's <see cref="UsageRecord"/>. The GenAI client
/// instruments follow the OpenTelemetry GenAI semantic conventions (the upstream call is the GenAI operation); the
/// proxy's own are under <c>azure_openai.</c>. Without a listener (telemetry off) no tag list is built.
/// </summary>
internal static class ProxyMetrics
{
    public const string MeterName = "AzureOpenAI.Proxy";

    private static readonly Meter Meter = new(MeterName, ProductInfo.Version);

    // The convention's advised bucket boundaries.
    private static readonly Histogram<long> TokenUsage = Meter.CreateHistogram("gen_ai.client.token.usage", "{token}",
        "Input and output tokens per upstream call", tags: null,
        new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864] });

    private static readonly Histogram<double> OperationDuration = Meter.CreateHistogram("gen_ai.client.operation.duration", "s",
        "Upstream call duration, from sending the request to the end of its answer", tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = Seconds });

    private static readonly Histogram<double> TimeToFirstChunk = Meter.CreateHistogram("gen_ai.client.operation.time_to_first_chunk", "s",
        "Streamed upstream calls: from sending the request to the first chunk", tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = Seconds });

    private static readonly Histogram<double> Overhead = Meter.CreateHistogram("azure_openai.proxy.overhead", "s",
        "The proxy's own time per request: the whole request minus the upstream call", tags: null,
        new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1] });

    private static readonly Counter<long> Failovers = Meter.CreateCounter<long>("azure_openai.failovers", "{failover}",
        "Requests moved from a failing deployment to another");

    private static IReadOnlyList<double> Seconds => [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];

    public static void Record(UsageRecord record, ProviderKind? provider)
    {
        ProxyTracing.Complete(record, provider);
        if (!(TokenUsage.Enabled || OperationDuration.Enabled || TimeToFirstChunk.Enabled || Overhead.Enabled)) return;

        var tags = GenAiTags.Of(record, provider);
        if (record.UpstreamTime is { } upstream) OperationDuration.Record(upstream.TotalSeconds, tags);
        if (record.TimeToFirstToken is { } first) TimeToFirstChunk.Record(first.TotalSeconds, tags);
        if (record.ProxyTime is { } own) Overhead.Record(own.TotalSeconds, tags);
        if (record.InputTokens + record.OutputTokens == 0) return;
        tags.Add(GenAiTags.TokenType, "input");
        TokenUsage.Record(record.InputTokens, tags);
        tags[^1] = new(GenAiTags.TokenType, "output");
        TokenUsage.Record(record.OutputTokens, tags);
    }

    /// <summary>One request moved off <paramref name="deployment"/> to another deployment of the same tier.</summary>
    public static void RecordFailover(string deployment, ModelTier tier)
    {
        if (!Failovers.Enabled) return;
        Failovers.Add(1, new TagList { { GenAiTags.Deployment, deployment }, { GenAiTags.Tier, ModelTiers.Name(tier) } });
    }
}
