using System.Text.Json.Nodes;
using AzureOpenAI.TestSupport.FakeUpstream;
using static AzureOpenAI.Proxy.Tests.Pools.PoolHarness;

namespace AzureOpenAI.Proxy.Tests.Pools;

/// <summary><c>/health</c> lists every backend: its state, its share of the pool's traffic and the failovers from it, no key.</summary>
public sealed class HealthBackendsTests
{
    [Fact]
    public async Task Health_ShowsTheCoolingPtu_AndThePaygThatServedTheTraffic()
    {
        await using var ptu = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        await using var payg = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        ptu.Enqueue(FakeResponse.RateLimited(retryAfterSeconds: 30));
        await using var proxy = await StartAsync(Settings($$"""
            { "big": [ {{Backend(ptu.BaseUri, ptu.Options.ApiKey, priority: 1, zone: "us")}},
                       {{Backend(payg.BaseUri, payg.Options.ApiKey, deployment: "gpt-4.1", priority: 2, zone: "us")}} ] }
            """), NewClock());
        Assert.Equal(200, (await AskAsync(proxy)).Status);

        var health = await proxy.Http.GetStringAsync("health", Token);
        var backends = JsonNode.Parse(health)!["backends"]!.AsArray();

        Assert.DoesNotContain(ptu.Options.ApiKey, health, StringComparison.Ordinal);
        Assert.Equal(2, backends.Count);
        Assert.Equal(("big", "cooling-down", "2026-01-05T09:00:30+00:00", 0.0, 1L),
            (backends[0]!["pool"]!.GetValue<string>(), backends[0]!["state"]!.GetValue<string>(), backends[0]!["until"]!.GetValue<string>(),
                backends[0]!["shareLastHour"]!.GetValue<double>(), backends[0]!["failoversLastHour"]!.GetValue<long>()));
        Assert.EndsWith("/gpt-4.1", backends[1]!["backend"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(("healthy", 1L, 1.0, 0L), (backends[1]!["state"]!.GetValue<string>(), backends[1]!["servedLastHour"]!.GetValue<long>(),
            backends[1]!["shareLastHour"]!.GetValue<double>(), backends[1]!["failoversLastHour"]!.GetValue<long>()));
    }
}
