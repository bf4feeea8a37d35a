using System.Net;
using System.Net.Http.Headers;
using AzureOpenAI.Proxy.Telemetry;
using AzureOpenAI.Proxy.Tests.Support;
using AzureOpenAI.Proxy.Usage;
using AzureOpenAI.TestSupport.FakeUpstream;

namespace AzureOpenAI.Proxy.Tests.Telemetry;

/// <summary><c>PROMETHEUS_METRICS=true</c> serves <c>/metrics</c>, behind the client token like every API path; off, there is none.</summary>
public sealed class PrometheusEndpointTests
{
    private const string ClientToken = "local-otel-token";
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Scrape_WithTheToken_ShowsTheProxysMetrics()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        await using var proxy = await TestProxy.StartAsync(FakeUpstreamSettings.Azure(fake) with { PrometheusMetrics = true, ProxyAuthToken = ClientToken });
        ProxyMetrics.RecordFailover("otel-prometheus-dep", ModelTier.Small);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ClientToken);
        using var response = await proxy.Http.SendAsync(request, Token);
        var text = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("azure_openai_failovers_total{", text, StringComparison.Ordinal);
        Assert.Contains("azure_openai_deployment=\"otel-prometheus-dep\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scrape_WithoutTheToken_IsRefused()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        await using var proxy = await TestProxy.StartAsync(FakeUpstreamSettings.Azure(fake) with { PrometheusMetrics = true, ProxyAuthToken = ClientToken });

        using var response = await proxy.Http.GetAsync("/metrics", Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("azure_openai", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Off_ThereIsNoMetricsEndpoint()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        await using var proxy = await TestProxy.StartAsync(FakeUpstreamSettings.Azure(fake));

        using var response = await proxy.Http.GetAsync("/metrics", Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
