using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using AzureOpenAI.TestSupport.FakeUpstream;
using static AzureOpenAI.Proxy.Tests.Pools.PoolHarness;

namespace AzureOpenAI.Proxy.Tests.Pools;

/// <summary>A failover counts once in <c>azure_openai.failovers</c>, tagged with the deployment the request left.</summary>
public sealed class FailoverMetricTests
{
    [Fact]
    public async Task A429ThatMovesTheRequest_CountsOneFailover_ForTheDeploymentLeftBehind()
    {
        // A deployment name of this test's own: meter listeners see every test's measurements.
        const string Ptu = "failover-metric-ptu";
        var failovers = new ConcurrentBag<string?>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) => { if (instrument.Name == "azure_openai.failovers") l.EnableMeasurementEvents(instrument); },
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag.Key == "azure_openai.deployment" && tag.Value as string == Ptu) failovers.Add(Ptu);
        });
        listener.Start();
        await using var ptu = await FakeUpstreamServer.StartAsync(new FakeUpstreamOptions().WithDeployment(Ptu, "gpt-4o"), Token);
        await using var payg = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        ptu.Enqueue(FakeResponse.RateLimited(retryAfterSeconds: 30));
        await using var proxy = await StartAsync(Settings($$"""
            { "big": [ {{Backend(ptu.BaseUri, ptu.Options.ApiKey, deployment: Ptu, priority: 1)}},
                       {{Backend(payg.BaseUri, payg.Options.ApiKey, priority: 2)}} ] }
            """), NewClock());

        var answer = await AskAsync(proxy, session: "s1");

        Assert.Equal(200, answer.Status);
        Assert.Single(failovers);
    }
}
