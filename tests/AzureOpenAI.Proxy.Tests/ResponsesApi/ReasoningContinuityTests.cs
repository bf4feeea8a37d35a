using System.Text.Json;
using Anthropic.Models.Messages;
using AzureOpenAI.Proxy.Tests.Support;
using AzureOpenAI.TestSupport.FakeUpstream;
using static AzureOpenAI.Proxy.Tests.ResponsesApi.ResponsesHarness;

namespace AzureOpenAI.Proxy.Tests.ResponsesApi;

/// <summary>
/// Stateless reasoning continuity through the proxy: turn 1's streamed reasoning reaches the client as a thinking block
/// whose signature carries the encrypted reasoning; the client sends the block back unchanged in turn 2, and the
/// upstream receives the reasoning item again, with the same id and encrypted_content, before the call it led to.
/// </summary>
public sealed class ReasoningContinuityTests
{
    private const string EncryptedReasoning = "gAAAAABo-turn-1-encrypted-reasoning==";

    [Fact]
    public async Task Turn2_ReplaysTurn1sReasoningItem_FromTheThinkingSignature()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        fake.Enqueue(FakeResponse.Stream(new ResponsesSse().Created()
            .Reasoning("rs_turn1", ["I should list the files first."], EncryptedReasoning)
            .FunctionCall("fc_turn1", "call_ls_1", "Bash", """{"command":"ls"}""")
            .Completed(ResponsesBodies.Usage(30, 25, reasoningTokens: 15)).Events));
        fake.Enqueue(FakeResponse.Stream(ResponsesSse.TextAnswer("There are two files.")));
        await using var proxy = await TestProxy.StartAsync(AzureSettings(fake));
        var thinking = new ThinkingConfigEnabled { BudgetTokens = 4096 };
        var turn1Request = Ask("what is here?") with { Thinking = thinking, Tools = [Tool("Bash", "command")] };
        var question = turn1Request.Messages[0];

        var turn1 = await SendAsync(proxy, turn1Request, streaming: true);

        Assert.True(turn1.Content[0].TryPickThinking(out var thought));
        Assert.True(turn1.Content[1].TryPickToolUse(out var call));
        var turn2Request = turn1Request with
        {
            Messages =
            [
                question,
                new AssistantMessageParam
                {
                    Content = new List<ContentBlockParam>
                    {
                        new ThinkingBlockParam { Thinking = thought!.Thinking, Signature = thought.Signature },
                        new ToolUseBlockParam { ID = call!.ID, Name = call.Name, Input = call.Input.ToDictionary(p => p.Key, p => p.Value) },
                    },
                },
                new UserMessageParam
                {
                    Content = new List<ContentBlockParam> { new ToolResultBlockParam { ToolUseID = call.ID, Content = "a.txt\nb.txt" } },
                },
            ],
        };
        var turn2 = await SendAsync(proxy, turn2Request, streaming: true);

        Assert.True(turn2.Content.Single().TryPickText(out var answer));
        Assert.Equal("There are two files.", answer!.Text);
        var replayed = fake.Requests[1];
        Assert.Null(replayed.Rejection);
        var items = InputItems(replayed);
        var reasoningAt = items.FindIndex(item => Text(item["type"]) == "reasoning");
        var callAt = items.FindIndex(item => Text(item["type"]) == "function_call");
        Assert.True(reasoningAt >= 0, $"no reasoning item in turn 2's input: {replayed.RawBody}");
        Assert.Equal("rs_turn1", Text(items[reasoningAt]["id"]));
        Assert.Equal(EncryptedReasoning, Text(items[reasoningAt]["encrypted_content"]));
        Assert.True(reasoningAt < callAt, "the reasoning item must precede the call it led to");
        Assert.Equal("call_ls_1", Text(items[callAt]["call_id"]));
        Assert.Equal("call_ls_1", Text(items.Single(item => Text(item["type"]) == "function_call_output")["call_id"]));
    }
}
