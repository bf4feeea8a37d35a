using System.Text.Json.Nodes;
using AzureOpenAI.TestSupport.FakeUpstream;
using static AzureOpenAI.Proxy.Tests.Pools.PoolHarness;

namespace AzureOpenAI.Proxy.Tests.Pools;

/// <summary><c>/v1/models</c> lists the deployments of pools.json tiers as <c>anthropic/&lt;deployment&gt;</c>, and each one is served where pools.json puts it.</summary>
public sealed class PooledModelsTests
{
    [Fact]
    public async Task Models_ListEachPooledDeployment_HighestPriorityFirst_AndEachIsServedByItsBackends()
    {
        await using var ptu = await FakeUpstreamServer.StartAsync(new FakeUpstreamOptions().WithDeployment("gpt-5-ptu", "gpt-5", 128000), Token);
        await using var payg = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        await using var proxy = await StartAsync(Settings($$"""
            { "big": [ {{Backend(payg.BaseUri, payg.Options.ApiKey, deployment: "gpt-5", priority: 2)}},
                       {{Backend(ptu.BaseUri, ptu.Options.ApiKey, deployment: "gpt-5-ptu", priority: 1)}} ],
              "small": [ {{Backend(payg.BaseUri, payg.Options.ApiKey, deployment: "gpt-4o-mini")}} ] }
            """), NewClock());

        var models = JsonNode.Parse(await proxy.Http.GetStringAsync("/v1/models", Token))!["data"]!.AsArray();
        var ids = models.Select(m => m!["id"]!.GetValue<string>()).ToArray();
        var paygAnswer = await AskAsync(proxy, model: "anthropic/gpt-5");
        var ptuAnswer = await AskAsync(proxy, model: "anthropic/gpt-5-ptu");

        Assert.Equal(["claude-opus-5-5", "claude-haiku-5-5", "anthropic/gpt-5-ptu", "anthropic/gpt-5", "anthropic/gpt-4o-mini"], ids);
        Assert.Equal("Opus via gpt-5-ptu, gpt-5", models[0]!["display_name"]!.GetValue<string>());
        Assert.Equal("gpt-5-ptu on Azure", models[2]!["display_name"]!.GetValue<string>());
        Assert.Equal((200, 200), (paygAnswer.Status, ptuAnswer.Status));
        Assert.Equal(["gpt-5"], payg.Requests.Select(r => r.Deployment));
        Assert.Equal(["gpt-5-ptu"], ptu.Requests.Select(r => r.Deployment));
    }
}
