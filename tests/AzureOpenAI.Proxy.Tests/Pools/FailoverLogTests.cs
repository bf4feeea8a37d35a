using System.Text;
using AzureOpenAI.Proxy.Tests.Security;
using AzureOpenAI.TestSupport.FakeUpstream;
using static AzureOpenAI.Proxy.Tests.Pools.PoolHarness;

namespace AzureOpenAI.Proxy.Tests.Pools;

/// <summary>A request that fails over leaves a warning naming the backend it left, why, and the backend that answered.</summary>
public sealed class FailoverLogTests
{
    [Fact]
    public async Task AFailover_IsLoggedWithTheBackendLeftAndTheOneThatAnswered()
    {
        await using var ptu = await FakeUpstreamServer.StartAsync(new FakeUpstreamOptions().WithDeployment("gpt-5-ptu", "gpt-5"), Token);
        await using var payg = await FakeUpstreamServer.StartAsync(new FakeUpstreamOptions().WithDeployment("gpt-5", "gpt-5"), Token);
        ptu.Enqueue(FakeResponse.RateLimited(retryAfterSeconds: 30));
        await using var proxy = await LoggedProxy.StartAsync(Settings($$"""
            { "big": [ {{Backend(ptu.BaseUri, ptu.Options.ApiKey, deployment: "gpt-5-ptu", priority: 1)}},
                       {{Backend(payg.BaseUri, payg.Options.ApiKey, deployment: "gpt-5", priority: 2)}} ] }
            """));

        using var answer = await proxy.Http.PostAsync("/v1/messages", new StringContent(
            """{"model":"claude-opus-4-5","max_tokens":100,"messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"), Token);

        Assert.True(answer.IsSuccessStatusCode, await answer.Content.ReadAsStringAsync(Token));
        var line = await proxy.LineAsync(e => e.Contains(" failover: ", StringComparison.Ordinal));
        Assert.StartsWith("Warning:", line, StringComparison.Ordinal);
        Assert.Contains($"{ptu.BaseUri.Host}/gpt-5-ptu 429 -> {payg.BaseUri.Host}/gpt-5", line, StringComparison.Ordinal);
    }
}
