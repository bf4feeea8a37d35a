using System.Text.Json.Nodes;
using AzureOpenAI.Proxy.Tests.Lifecycle;
using AzureOpenAI.TestSupport.FakeUpstream;
using static AzureOpenAI.Proxy.Tests.ResponsesApi.ResponsesHarness;

namespace AzureOpenAI.Proxy.Tests.EndToEnd;

/// <summary>
/// The real Claude Code CLI → <c>bin/azure-openai serve</c> → the strict fake Azure upstream (v1), once per upstream
/// API. The fake first streams a Bash tool call that writes a file, then a text answer; turn 2 must carry the tool
/// result under the upstream's call id.
/// <list type="bullet">
/// <item>Chat Completions: opus on the reasoning deployment gpt-5-mini.</item>
/// <item>Responses: opus on the Responses-only gpt-5-codex with nothing configured for it (the proxy picks the
/// Responses API by itself); the fake also streams reasoning, which turn 2 must replay.</item>
/// </list>
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class ClaudeCodeRoundTripTests
{
    private const string LocalToken = "local-e2e-token-0123456789";
    private const string CallId = "call_e2e_bash_1";
    private const string EncryptedReasoning = "gAAAAABo-e2e-encrypted-reasoning==";

    public static TheoryData<string> Apis => ["chat", "responses"];

    [Theory]
    [MemberData(nameof(Apis))]
    public async Task ToolRoundTrip_BashWritesTheFile_AndClaudePrintsTheFinalText(string api)
    {
        var scenario = api == "chat" ? Chat : Responses;
        await using var sandbox = new Sandbox();
        await using var upstream = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        var marker = Path.Combine(sandbox.WorkingDirectory, "marker.txt");
        var word = $"E2E_{api.ToUpperInvariant()}_OK";
        var arguments = new JsonObject { ["command"] = $"echo {word} > {marker}", ["description"] = "Write the marker file" };
        upstream.Enqueue(scenario.ToolCall(arguments.ToJsonString()));
        upstream.Enqueue(scenario.Text($"The marker file now holds {word}."));

        await using var proxy = await LauncherServe.StartAsync(sandbox, upstream, scenario.Deployments, LocalToken, Token);

        var run = await ClaudeCli.RunAsync(sandbox, proxy.Address, LocalToken,
            ["-p", $"Write {word} into marker.txt with the Bash tool.", "--allowedTools", "Bash"], Token);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"The marker file now holds {word}.", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(word, (await File.ReadAllTextAsync(marker, Token)).Trim());
        Assert.All(upstream.Requests, r => Assert.Null(r.Rejection));
        var turns = upstream.Requests.Where(r => r.Api == scenario.Api).ToList();
        Assert.True(turns.Count >= 2, $"expected the tool turn and the answer turn upstream, got {turns.Count}");
        Assert.All(turns, t => Assert.Equal(scenario.Path, t.Path));
        Assert.Equal(scenario.Deployments.Big, Text(turns[0].Body!["model"]));
        scenario.AssertToolResultTurn(turns[1]);
    }

    private sealed record Scenario(
        UpstreamApi Api,
        string Path,
        (string Big, string Middle, string Small) Deployments,
        Func<string, FakeResponse> ToolCall,
        Func<string, FakeResponse> Text,
        Action<RecordedRequest> AssertToolResultTurn);

    private static readonly Scenario Chat = new(UpstreamApi.ChatCompletions, "/openai/v1/chat/completions", ("gpt-5-mini", "gpt-4.1", "gpt-4o-mini"),
        arguments => FakeResponse.Stream(ChatSse.ToolCallAnswer(CallId, "Bash", arguments, pieces: 5)),
        text => FakeResponse.Stream(ChatSse.TextAnswer(text)),
        turn =>
        {
            var toolReply = turn.Body!["messages"]!.AsArray().Single(m => Text(m!["role"]) == "tool");
            Assert.Equal(CallId, Text(toolReply!["tool_call_id"]));
        });

    private static readonly Scenario Responses = new(UpstreamApi.Responses, "/openai/v1/responses", ("gpt-5-codex", "gpt-5-codex", "gpt-4o-mini"),
        arguments => FakeResponse.Stream(new ResponsesSse().Created()
            .Reasoning("rs_e2e_1", ["The user wants a file written; Bash can do it."], EncryptedReasoning)
            .FunctionCall("fc_e2e_1", CallId, "Bash", arguments, pieces: 5)
            .Completed(ResponsesBodies.Usage(900, 60, reasoningTokens: 20)).Events),
        text => FakeResponse.Stream(ResponsesSse.TextAnswer(text)),
        turn =>
        {
            var replay = InputItems(turn);
            Assert.Contains(replay, item => Text(item["type"]) == "reasoning" && Text(item["encrypted_content"]) == EncryptedReasoning);
            Assert.Equal(CallId, Text(replay.Single(item => Text(item["type"]) == "function_call_output")["call_id"]));
        });
}
