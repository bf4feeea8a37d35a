using System.Text.Json.Nodes;
using AzureOpenAI.Proxy.Tests.Lifecycle;
using AzureOpenAI.TestSupport.FakeUpstream;

namespace AzureOpenAI.Proxy.Tests.EndToEnd;

/// <summary>
/// The real Claude Code CLI → <c>bin/azure-openai serve</c> → the strict fake Azure upstream (v1, a reasoning
/// deployment for opus). The fake first streams a Bash tool call that writes a file, then a text answer.
/// </summary>
public sealed class ClaudeCodeRoundTripTests
{
    private const string LocalToken = "local-e2e-token-0123456789";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ToolRoundTrip_BashWritesTheFile_AndClaudePrintsTheFinalText()
    {
        await using var sandbox = new Sandbox();
        await using var upstream = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        var marker = Path.Combine(sandbox.WorkingDirectory, "marker.txt");
        var arguments = new JsonObject { ["command"] = $"echo E2E_TOOL_OK > {marker}", ["description"] = "Write the marker file" };
        upstream.Enqueue(FakeResponse.Stream(ChatSse.ToolCallAnswer("call_e2e_bash_1", "Bash", arguments.ToJsonString(), pieces: 5)));
        upstream.Enqueue(FakeResponse.Stream(ChatSse.TextAnswer("The marker file now holds E2E_TOOL_OK.")));

        await using var proxy = await LauncherServe.StartAsync(sandbox, upstream, ("gpt-5-mini", "gpt-4.1", "gpt-4o-mini"), LocalToken, Token);

        var run = await ClaudeCli.RunAsync(sandbox, proxy.Address, LocalToken,
            ["-p", "Write E2E_TOOL_OK into marker.txt with the Bash tool.", "--allowedTools", "Bash"], Token);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("The marker file now holds E2E_TOOL_OK.", run.Stdout, StringComparison.Ordinal);
        Assert.Equal("E2E_TOOL_OK", (await File.ReadAllTextAsync(marker, Token)).Trim());

        var accepted = upstream.Requests.Where(r => r.Rejection is null).ToList();
        Assert.True(accepted.Count >= 2, $"expected the tool turn and the answer turn upstream, got {accepted.Count}");
        Assert.All(upstream.Requests, r => Assert.Null(r.Rejection));
        var toolReply = accepted[1].Body!["messages"]!.AsArray()
            .Single(m => (string?)m!["role"] == "tool");
        Assert.Equal("call_e2e_bash_1", (string?)toolReply!["tool_call_id"]);
        Assert.Equal("gpt-5-mini", (string?)accepted[0].Body!["model"]);
    }
}
