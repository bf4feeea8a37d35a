using System.Text.Json.Nodes;
using AzureOpenAI.Proxy.Tests.Lifecycle;
using AzureOpenAI.TestSupport.FakeUpstream;
using Xunit;

namespace AzureOpenAI.Proxy.Tests.EndToEnd;

/// <summary>
/// <c>setup --statusline</c> in a temporary HOME, then the real interactive Claude Code CLI (tmux) → the daemon setup
/// started → the strict fake Azure upstream: the pane shows the proxy's statusline, first with the session's zero
/// cost, then with the Azure price of the answer the fake gave and the daily budget's warning mark.
/// </summary>
[Trait("Category", "EndToEnd")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class StatuslineInClaudeCodeTests
{
    private const string Key = "statusline-key-SECRET-0123456789abcdef";
    private const string Answer = "The statusline answer arrived.";

    [Fact]
    public async Task SetupStatusline_TheInteractiveCliShowsTheDeploymentTheSessionsAzureCostAndTheBudgetMark()
    {
        await using var upstream = await FakeUpstreamServer.StartAsync(new FakeUpstreamOptions { ApiKey = Key }, TestContext.Current.CancellationToken);
        await using var sandbox = new Sandbox();
        sandbox.Variables["BUDGET_DAILY_USD"] = "1.40";

        var setup = await sandbox.RunAsync(["setup", "--endpoint", upstream.BaseUri.AbsoluteUri, "--api-key-stdin", "--api-version", "v1",
            "--big", "gpt-4.1", "--middle", "gpt-4o", "--small", "gpt-4o-mini", "--statusline"], Key);

        Assert.True(setup.ExitCode == 0, setup.ToString());
        var settings = JsonNode.Parse(await File.ReadAllTextAsync(sandbox.ClaudeSettings, TestContext.Current.CancellationToken))!;
        Assert.EndsWith(" statusline", (string?)settings["statusLine"]!["command"], StringComparison.Ordinal);

        using var claude = InteractiveClaude.Start(sandbox);

        // The session's line before any request: the proxy answered (no down mark), with nothing spent yet.
        var screen = await claude.WaitForAsync("cache – │ $0.00");
        Assert.Contains("⎈ gpt-4.1 │", screen, StringComparison.Ordinal);
        Assert.DoesNotContain("proxy down", screen, StringComparison.Ordinal);
        Assert.DoesNotContain("budget", screen, StringComparison.Ordinal);

        // gpt-4.1: 100k uncached input × $2/M + 300k cached × $0.50/M + 100k output × $8/M = $1.15; cache hit 75%;
        // 82% of the $1.40 daily budget, past the 75% mark (the other requests of the session cost under $0.001).
        upstream.Enqueue(FakeResponse.Stream([ChatSse.Role(), ChatSse.Text(Answer), ChatSse.Finish("stop"),
            ChatSse.Usage(promptTokens: 400_000, completionTokens: 100_000, cachedTokens: 300_000), ChatSse.Done]));
        claude.Type("Answer with one sentence.");

        await claude.WaitForAsync(Answer);
        screen = await claude.WaitForAsync("cache 75% │ $1.15 │ ⚠ daily budget 82%");
        Assert.Contains("⎈ gpt-4.1 │", screen, StringComparison.Ordinal);
        Assert.All(upstream.Requests, r => Assert.Null(r.Rejection));
    }
}
