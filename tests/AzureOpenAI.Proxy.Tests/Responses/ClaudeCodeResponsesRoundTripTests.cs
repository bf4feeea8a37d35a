using System.Text.Json.Nodes;
using AzureOpenAI.Proxy.Tests.EndToEnd;
using AzureOpenAI.Proxy.Tests.Lifecycle;
using AzureOpenAI.TestSupport.FakeUpstream;
using static AzureOpenAI.Proxy.Tests.Responses.ResponsesHarness;

namespace AzureOpenAI.Proxy.Tests.Responses;

/// <summary>
/// The real Claude Code CLI → <c>bin/azure-openai serve</c> → the strict fake Azure upstream (v1), with opus on the
/// Responses-only gpt-5-codex and nothing configured for it: the proxy picks the Responses API by itself. The fake
/// streams reasoning and a Bash call that writes a file, then a text answer; turn 2 must replay the reasoning.
/// </summary>
public sealed class ClaudeCodeResponsesRoundTripTests
{
    private const string LocalToken = "local-e2e-token-0123456789";
    private const string EncryptedReasoning = "gAAAAABo-e2e-encrypted-reasoning==";

    [Fact]
    public async Task ToolRoundTrip_ThroughTheResponsesApi_BashWritesTheFile_AndClaudePrintsTheFinalText()
    {
        await using var sandbox = new Sandbox();
        await using var upstream = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        var marker = Path.Combine(sandbox.WorkingDirectory, "marker.txt");
        var arguments = new JsonObject { ["command"] = $"echo E2E_RESPONSES_OK > {marker}", ["description"] = "Write the marker file" };
        upstream.Enqueue(FakeResponse.Stream(new ResponsesSse().Created()
            .Reasoning("rs_e2e_1", ["The user wants a file written; Bash can do it."], EncryptedReasoning)
            .FunctionCall("fc_e2e_1", "call_e2e_bash_1", "Bash", arguments.ToJsonString(), pieces: 5)
            .Completed(ResponsesBodies.Usage(900, 60, reasoningTokens: 20)).Events));
        upstream.Enqueue(FakeResponse.Stream(ResponsesSse.TextAnswer("The marker file now holds E2E_RESPONSES_OK.")));

        await using var proxy = await LauncherServe.StartAsync(sandbox, upstream, ("gpt-5-codex", "gpt-5-codex", "gpt-4o-mini"), LocalToken, Token);

        var run = await ClaudeCli.RunAsync(sandbox, proxy.Address, LocalToken,
            ["-p", "Write E2E_RESPONSES_OK into marker.txt with the Bash tool.", "--allowedTools", "Bash"], Token);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("The marker file now holds E2E_RESPONSES_OK.", run.Stdout, StringComparison.Ordinal);
        Assert.Equal("E2E_RESPONSES_OK", (await File.ReadAllTextAsync(marker, Token)).Trim());

        Assert.All(upstream.Requests, r => Assert.Null(r.Rejection));
        var turns = upstream.Requests.Where(r => r.Api == UpstreamApi.Responses).ToList();
        Assert.True(turns.Count >= 2, $"expected the tool turn and the answer turn on the Responses API, got {turns.Count}");
        Assert.All(turns, t => Assert.Equal("/openai/v1/responses", t.Path));
        Assert.Equal("gpt-5-codex", Text(turns[0].Body!["model"]));
        var replay = InputItems(turns[1]);
        Assert.Contains(replay, item => Text(item["type"]) == "reasoning" && Text(item["encrypted_content"]) == EncryptedReasoning);
        var output = replay.Single(item => Text(item["type"]) == "function_call_output");
        Assert.Equal("call_e2e_bash_1", Text(output["call_id"]));
    }
}
