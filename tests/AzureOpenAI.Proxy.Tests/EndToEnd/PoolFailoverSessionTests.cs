using System.Text.Json;
using System.Text.Json.Nodes;
using AzureOpenAI.Proxy.Tests.Lifecycle;
using AzureOpenAI.TestSupport.FakeUpstream;
using static AzureOpenAI.Proxy.Tests.ResponsesApi.ResponsesHarness;

namespace AzureOpenAI.Proxy.Tests.EndToEnd;

/// <summary>
/// The real Claude Code CLI through a pool: the big tier is a PTU (priority 1, a strict fake that answers every request
/// with Azure's 429 and <c>retry-after-ms</c>) and a PAYG deployment (priority 2, another strict fake). A Bash tool
/// session completes with no error shown, every turn served by the PAYG; then <c>azure-openai status</c> (the real verb,
/// text and <c>--json</c>) reports the failover: the PTU cooling down, the PAYG with all of the traffic, and the log's
/// failover line.
/// </summary>
[Trait("Category", "EndToEnd")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PoolFailoverSessionTests
{
    private const string LocalToken = "local-e2e-token-0123456789";
    private const string CallId = "call_pool_bash_1";
    private const string Word = "E2E_POOL_OK";

    [Fact]
    public async Task AToolSession_CompletesOnThePayg_WhileThePtuAnswers429_AndStatusReportsTheFailover()
    {
        await using var sandbox = new Sandbox();
        await using var ptu = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        await using var payg = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        for (var i = 0; i < 10; i++) ptu.Enqueue(FakeResponse.RateLimited(retryAfterSeconds: 30));
        var marker = Path.Combine(sandbox.WorkingDirectory, "marker.txt");
        var arguments = new JsonObject { ["command"] = $"echo {Word} > {marker}", ["description"] = "Write the marker file" };
        payg.Enqueue(FakeResponse.Stream(ChatSse.ToolCallAnswer(CallId, "Bash", arguments.ToJsonString(), pieces: 5)));
        payg.Enqueue(FakeResponse.Stream(ChatSse.TextAnswer($"The marker file now holds {Word}.")));
        LauncherServe.Configure(sandbox, payg, ("gpt-5-mini", "gpt-4.1", "gpt-4o-mini"), LocalToken);
        Directory.CreateDirectory(sandbox.DataHome);
        var pools = Path.Combine(sandbox.DataHome, "pools.json");
        await File.WriteAllTextAsync(pools, $$"""
            { "big": [
                { "endpoint": "{{ptu.BaseUri}}", "deployment": "gpt-5-mini", "apiKey": "{{ptu.Options.ApiKey}}", "priority": 1 },
                { "endpoint": "{{payg.BaseUri}}", "deployment": "gpt-5-mini", "apiKey": "{{payg.Options.ApiKey}}", "priority": 2 } ] }
            """, Token);
        File.SetUnixFileMode(pools, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var started = await sandbox.RunAsync("start");
        Assert.True(started.ExitCode == 0, started.ToString());

        var run = await ClaudeCli.RunAsync(sandbox, new Uri($"http://127.0.0.1:{sandbox.Port}"), LocalToken,
            ["-p", $"Write {Word} into marker.txt with the Bash tool.", "--allowedTools", "Bash"], Token);
        var status = await sandbox.RunAsync("status");
        var json = await sandbox.RunAsync("status", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"The marker file now holds {Word}.", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("API Error", run.Output, StringComparison.Ordinal);
        Assert.Equal(Word, (await File.ReadAllTextAsync(marker, Token)).Trim());
        Assert.All(ptu.Requests.Concat(payg.Requests), r => Assert.Null(r.Rejection));
        Assert.Equal(429, await ptu.Requests[0].Completed);
        var turns = payg.Requests.Where(r => r.Deployment == "gpt-5-mini").ToList();
        Assert.True(turns.Count >= 2, $"expected the tool turn and the answer turn on the PAYG, got {turns.Count}");
        Assert.Equal(CallId, Text(turns[1].Body!["messages"]!.AsArray().Single(m => Text(m!["role"]) == "tool")!["tool_call_id"]));

        var (ptuName, paygName) = ($"{ptu.BaseUri.Host}/gpt-5-mini", $"{payg.BaseUri.Host}/gpt-5-mini");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Matches($@"backend +big {ptu.BaseUri.Host}/gpt-5-mini: cooling-down until [^,]+, 0% of the last hour, [1-9][0-9]* failed over from it", status.Stdout);
        Assert.Contains($"backend       big {paygName}: healthy, 100% of the last hour", status.Stdout, StringComparison.Ordinal);
        Assert.Contains($"failover: {ptuName} 429 -> {paygName}", status.Stdout, StringComparison.Ordinal);
        var backends = JsonDocument.Parse(json.Stdout).RootElement.GetProperty("backends").EnumerateArray().ToList();
        Assert.Equal([("cooling-down", true), ("healthy", false)], backends.Where(b => b.GetProperty("pool").GetString() == "big")
            .Select(b => (b.GetProperty("state").GetString(), b.GetProperty("failoversLastHour").GetInt64() > 0)));
        Assert.DoesNotContain(ptu.Options.ApiKey, status.Output + json.Output, StringComparison.Ordinal);
    }
}
