using System.Text.Json.Nodes;
using AzureOpenAI.Proxy.Tests.Lifecycle;
using AzureOpenAI.TestSupport.FakeUpstream;
using static AzureOpenAI.Proxy.Tests.ResponsesApi.ResponsesHarness;

namespace AzureOpenAI.Proxy.Tests.EndToEnd;

/// <summary>
/// <c>/model</c> lists the configured deployments: the real Claude Code, with gateway model discovery on
/// (<c>CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY=1</c>), asks the proxy's <c>GET /v1/models?limit=1000</c>, keeps the
/// ids matching <c>/(claude|anthropic)/i</c> and caches them in <c>~/.claude/cache/gateway-models.json</c>, the list the
/// picker shows. And a <c>max_tokens: 1</c> probe of a reasoning deployment is answered, not refused.
/// </summary>
[Trait("Category", "EndToEnd")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ModelDiscoveryTests
{
    private const string LocalToken = "local-e2e-token-0123456789";

    [Fact]
    public async Task Discovery_CachesEveryDeploymentWithItsLabel()
    {
        await using var sandbox = new Sandbox();
        await using var upstream = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        upstream.Enqueue(FakeResponse.Stream(ChatSse.TextAnswer("pong")));
        await using var proxy = await LauncherServe.StartAsync(sandbox, upstream, ("gpt-5", "gpt-4.1", "gpt-4o-mini"), LocalToken, Token);
        sandbox.Variables["CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY"] = "1";

        var run = await ClaudeCli.RunAsync(sandbox, proxy.Address, LocalToken, ["-p", "say pong"], Token);

        Assert.True(run.ExitCode == 0, run.ToString());
        var cache = Path.Combine(sandbox.Home, ".claude", "cache", "gateway-models.json");
        Assert.True(File.Exists(cache), $"no {cache}: {run}");
        var models = JsonNode.Parse(await File.ReadAllTextAsync(cache, Token))!["models"]!.AsArray();
        var byId = models.ToDictionary(m => Text(m!["id"])!, m => Text(m!["display_name"]));
        Assert.Equal("gpt-5 on Azure", byId["anthropic/gpt-5"]);
        Assert.Equal("gpt-4.1 on Azure", byId["anthropic/gpt-4.1"]);
        Assert.Equal("gpt-4o-mini on Azure", byId["anthropic/gpt-4o-mini"]);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(cache));
    }
}
