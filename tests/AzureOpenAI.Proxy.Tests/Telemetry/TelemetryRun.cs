using System.Diagnostics;
using System.Net;
using System.Text;
using AzureOpenAI.Proxy.Server;
using AzureOpenAI.Proxy.Tests.Support;
using AzureOpenAI.TestSupport.FakeUpstream;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace AzureOpenAI.Proxy.Tests.Telemetry;

/// <summary>
/// One streamed Messages request through the in-process proxy, with in-memory exporters, to the strict fake upstream.
/// Listeners are process-wide, so tests running alongside add their measurements: each run's deployment is its own,
/// and readers filter by it. Everything is read after the proxy stopped (the final collection, every span ended).
/// </summary>
internal sealed record TelemetryRun(IReadOnlyList<MetricSnapshot> Metrics, IReadOnlyList<Activity> Spans, RecordedRequest Upstream, string Deployment)
{
    public static async Task<TelemetryRun> StreamAsync(string deployment, int promptTokens, int completionTokens)
    {
        var token = TestContext.Current.CancellationToken;
        var metrics = new List<MetricSnapshot>();
        var spans = new List<Activity>();
        await using var fake = await FakeUpstreamServer.StartAsync(new FakeUpstreamOptions().WithDeployment(deployment, "gpt-4o"), token);
        fake.Enqueue(FakeResponse.Stream([ChatSse.Role(), ChatSse.Text("hi"), ChatSse.Finish("stop"), ChatSse.Usage(promptTokens, completionTokens), ChatSse.Done]));
        var proxy = await TestProxy.StartAsync(FakeUpstreamSettings.Azure(fake, middle: deployment) with { MaxRetries = 0 },
            new ProxyHostOptions { ConfigureTelemetry = otel => otel.WithMetrics(m => m.AddInMemoryExporter(metrics)).WithTracing(t => t.AddInMemoryExporter(spans)) });
        try
        {
            using var response = await proxy.Http.PostAsync("/v1/messages", new StringContent(
                """{"model":"claude-sonnet-4-5","max_tokens":100,"stream":true,"messages":[{"role":"user","content":"hi"}]}""",
                Encoding.UTF8, "application/json"), token);
            await response.Content.ReadAsByteArrayAsync(token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            await proxy.DisposeAsync();
        }
        return new TelemetryRun(metrics, spans, Assert.Single(fake.Requests), deployment);
    }

    /// <summary>The points of <paramref name="name"/> whose <c>gen_ai.response.model</c> is this run's deployment, from the last export.</summary>
    public IReadOnlyList<MetricPoint> Points(string name)
    {
        var metric = Metrics.Last(m => m.Name == name);
        return [.. metric.MetricPoints.Where(p => Tag(p, "gen_ai.response.model") as string == Deployment)];
    }

    public static object? Tag(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
            if (tag.Key == key) return tag.Value;
        return null;
    }
}
