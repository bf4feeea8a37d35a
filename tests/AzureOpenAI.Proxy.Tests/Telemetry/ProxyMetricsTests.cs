using AzureOpenAI.Proxy.Telemetry;
using AzureOpenAI.Proxy.Usage;
using OpenTelemetry.Metrics;

namespace AzureOpenAI.Proxy.Tests.Telemetry;

/// <summary>A streamed request's metrics, as an OpenTelemetry exporter receives them: the GenAI client conventions and the proxy's own.</summary>
public sealed class ProxyMetricsTests
{
    [Fact]
    public async Task StreamedRequest_RecordsInputAndOutputTokensWithTheGenAiAttributes()
    {
        var run = await TelemetryRun.StreamAsync("otel-metrics-tokens", promptTokens: 300, completionTokens: 40);

        var points = run.Points("gen_ai.client.token.usage");
        Assert.Equal(2, points.Count);
        var input = Assert.Single(points, p => (string?)TelemetryRun.Tag(p, "gen_ai.token.type") == "input");
        var output = Assert.Single(points, p => (string?)TelemetryRun.Tag(p, "gen_ai.token.type") == "output");
        Assert.Equal((300d, 1L), (input.GetHistogramSum(), input.GetHistogramCount()));
        Assert.Equal((40d, 1L), (output.GetHistogramSum(), output.GetHistogramCount()));
        Assert.Equal(("chat", "azure.ai.openai", "azure.ai.openai", "claude-sonnet-4-5", "middle"),
            ((string?)TelemetryRun.Tag(input, "gen_ai.operation.name"), (string?)TelemetryRun.Tag(input, "gen_ai.provider.name"),
                (string?)TelemetryRun.Tag(input, "gen_ai.system"), (string?)TelemetryRun.Tag(input, "gen_ai.request.model"),
                (string?)TelemetryRun.Tag(input, "azure_openai.tier")));
        Assert.Null(TelemetryRun.Tag(input, "error.type"));
    }

    [Theory]
    [InlineData("gen_ai.client.operation.duration")]
    [InlineData("gen_ai.client.operation.time_to_first_chunk")]
    [InlineData("azure_openai.proxy.overhead")]
    public async Task StreamedRequest_RecordsEachDurationOnceInSeconds(string name)
    {
        var run = await TelemetryRun.StreamAsync($"otel-metrics-{name}", promptTokens: 10, completionTokens: 2);

        var point = Assert.Single(run.Points(name));
        Assert.Equal(1L, point.GetHistogramCount());
        Assert.True(point.GetHistogramSum() > 0);
        Assert.Equal("s", run.Metrics.Last(m => m.Name == name).Unit);
    }

    [Fact]
    public async Task Failover_IsCountedByDeploymentAndTier()
    {
        var metrics = new List<Metric>();
        using (var provider = OpenTelemetry.Sdk.CreateMeterProviderBuilder().AddMeter(ProxyMetrics.MeterName).AddInMemoryExporter(metrics).Build())
        {
            ProxyMetrics.RecordFailover("otel-failover-dep", ModelTier.Big);
            ProxyMetrics.RecordFailover("otel-failover-dep", ModelTier.Big);
            provider.ForceFlush();
            var failovers = Assert.Single(metrics, m => m.Name == "azure_openai.failovers");
            var point = Assert.Single(Points(failovers), p => (string?)TelemetryRun.Tag(p, "azure_openai.deployment") == "otel-failover-dep");
            Assert.Equal((2L, "big"), (point.GetSumLong(), (string?)TelemetryRun.Tag(point, "azure_openai.tier")));
        }
    }

    private static List<MetricPoint> Points(Metric metric)
    {
        var points = new List<MetricPoint>();
        foreach (ref readonly var point in metric.GetMetricPoints()) points.Add(point);
        return points;
    }
}
