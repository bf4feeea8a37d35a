using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using AzureOpenAI.TestSupport;
using AzureOpenAI.TestSupport.FakeUpstream;
using AzureOpenAI.Translation.Anthropic;
using AzureOpenAI.Translation.Mapping;
using AzureOpenAI.Translation.Streaming;
using AzureOpenAI.Translation.Tests.Mapping;
using Xunit;
using AzureOpenAI.Translation.Answers;

namespace AzureOpenAI.Translation.Tests;

/// <summary>Responses API translation rules that golden files do not show one by one.</summary>
public sealed class ResponsesTranslationTests
{
    private static readonly DeploymentOptions Codex = RequestTranslation.DefaultOptions with { Deployment = "gpt-5-codex", IsReasoningModel = true };

    private static JsonObject Build(string anthropicJson, DeploymentOptions? options = null) =>
        JsonNode.Parse(ResponsesRequestMapper.Build(RequestTranslation.Parse(anthropicJson), options ?? Codex).Body.Span)!.AsObject();

    [Fact]
    public void ReasoningSignature_RoundTripsItsItem()
    {
        var signature = ReasoningSignature.Encode("rs_1", "gAAAA+/=");

        Assert.StartsWith(ReasoningSignature.Prefix, signature, StringComparison.Ordinal);
        Assert.True(ReasoningSignature.TryDecode(signature, out var id, out var encrypted, out _));
        Assert.Equal(("rs_1", "gAAAA+/="), (id, encrypted));
    }

    [Theory]
    [InlineData(ThinkingSignature.Placeholder)]
    [InlineData("EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds")] // Anthropic's own
    [InlineData("rsn1.not-base64!")]
    [InlineData("rsn1.e30")] // {} : no id or content
    public void ReasoningSignature_RejectsSignaturesThatAreNotOurs(string signature) =>
        Assert.False(ReasoningSignature.TryDecode(signature, out _, out _, out _));

    [Fact]
    public void Turn2_ReplaysTheReasoningItemStreamedInTurn1()
    {
        // Turn 1: the upstream streams a reasoning item; the client receives a thinking block with its signature.
        var turn1 = new ResponsesSse().Created().Reasoning("rs_abc", ["Plan the listing."], "gAAAAB-secret")
            .FunctionCall("fc_1", "call_1", "Bash", """{"command":"ls"}""").Completed(ResponsesBodies.Usage(10, 5));
        var translator = new ResponsesStreamTranslator("msg_1", "claude-sonnet-4-5", new ToolNameMap(), 10);
        var output = new ArrayBufferWriter<byte>();
        foreach (var sse in turn1.Events) translator.Process(Encoding.UTF8.GetBytes(DataOf(sse)), output);
        var events = SseEvents.Parse(output.WrittenSpan.ToArray());
        var signature = events.Select(e => JsonNode.Parse(e.Data)!["delta"]?["signature"]?.GetValue<string>()).Single(s => s is not null)!;

        // Turn 2: Claude Code sends the thinking block back unchanged.
        var body = Build($$$"""
            {"model":"claude-sonnet-4-5","max_tokens":1000,"messages":[
              {"role":"user","content":"List files"},
              {"role":"assistant","content":[{"type":"thinking","thinking":"Plan the listing.","signature":"{{{signature}}}"},
                {"type":"tool_use","id":"call_1","name":"Bash","input":{"command":"ls"}}]},
              {"role":"user","content":[{"type":"tool_result","tool_use_id":"call_1","content":"a.txt"}]}]}
            """);

        var reasoning = body["input"]![1]!;
        Assert.Equal("reasoning", reasoning["type"]!.GetValue<string>());
        Assert.Equal("rs_abc", reasoning["id"]!.GetValue<string>());
        Assert.Equal("gAAAAB-secret", reasoning["encrypted_content"]!.GetValue<string>());
        Assert.Equal("Plan the listing.", reasoning["summary"]![0]!["text"]!.GetValue<string>());
        Assert.Equal("function_call", body["input"]![2]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void MaxTokensBelow16_IsRaisedTo16()
    {
        var body = Build(RequestTranslation.Minimal().Replace("\"max_tokens\":1024", "\"max_tokens\":1", StringComparison.Ordinal),
            Codex with { Deployment = "gpt-4.1", IsReasoningModel = false });
        Assert.Equal(16, body["max_output_tokens"]!.GetValue<int>());
    }

    [Fact]
    public void MaxTokensOneProbe_OfAReasoningDeployment_IsRaisedToTheReasoningMinimum()
    {
        var body = Build(RequestTranslation.Minimal().Replace("\"max_tokens\":1024", "\"max_tokens\":1", StringComparison.Ordinal));
        Assert.Equal(ReasoningProbes.MinimumOutputTokens, body["max_output_tokens"]!.GetValue<int>());
    }

    [Fact]
    public void MaxTokens_IsClampedToTheDeploymentLimit()
    {
        var body = Build(RequestTranslation.Minimal(), Codex with { MaxTokensLimit = 500 });
        Assert.Equal(500, body["max_output_tokens"]!.GetValue<int>());
    }

    [Fact]
    public void ThinkingDisabled_SendsNoReasoningAndAsksForNoEncryptedContent()
    {
        var body = Build(RequestTranslation.Minimal("\"thinking\":{\"type\":\"disabled\"}"));
        Assert.False(body.ContainsKey("reasoning"));
        Assert.False(body.ContainsKey("include"));
        Assert.False(body["store"]!.GetValue<bool>());
    }

    [Fact]
    public void ToolResultError_WithAnImage_KeepsTheImageAndMarksTheError()
    {
        var body = Build("""
            {"model":"m","max_tokens":100,"messages":[
              {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"Shot","input":{}}]},
              {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","is_error":true,"content":[
                {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}}]}]}]}
            """);
        var output = body["input"]![1]!["output"]!.AsArray();
        Assert.Equal("Error:", output[0]!["text"]!.GetValue<string>());
        Assert.Equal("data:image/png;base64,iVBORw0KGgo=", output[1]!["image_url"]!.GetValue<string>());
    }

    [Fact]
    public void FailedResponse_NonStreaming_ThrowsTheMappedError()
    {
        var failed = ResponsesBodies.Response("failed", [], null, error: ("rate_limit_exceeded", "Slow down."));
        var exception = Assert.Throws<AnthropicRequestException>(() =>
            ResponsesResponseTranslator.ToMessagesResponse(Encoding.UTF8.GetBytes(failed.ToJsonString()), "msg_1", "claude", new ToolNameMap()));
        Assert.Equal(AnthropicErrorType.RateLimit, exception.Error.Type);
        Assert.Equal("Slow down.", exception.Error.Message);
    }

    [Fact]
    public void Stream_ArgumentsOnlyInTheFinishedItem_AreSentWhole()
    {
        var sse = new ResponsesSse().Created()
            .Emit("response.output_item.added", new JsonObject { ["output_index"] = 0, ["item"] = ResponsesBodies.FunctionCall("fc_1", "call_1", "Bash", "", "in_progress") })
            .Emit("response.output_item.done", new JsonObject { ["output_index"] = 0, ["item"] = ResponsesBodies.FunctionCall("fc_1", "call_1", "Bash", """{"command":"ls"}""") })
            .Completed(ResponsesBodies.Usage(10, 5));
        var translator = new ResponsesStreamTranslator("msg_1", "claude", new ToolNameMap(), 10);
        var output = new ArrayBufferWriter<byte>();
        foreach (var item in sse.Events) translator.Process(Encoding.UTF8.GetBytes(DataOf(item)), output);

        var deltas = SseEvents.Parse(output.WrittenSpan.ToArray())
            .Select(e => JsonNode.Parse(e.Data)!["delta"]?["partial_json"]?.GetValue<string>()).Where(p => p is not null).ToList();
        Assert.Equal(["""{"command":"ls"}"""], deltas);
        Assert.Equal("tool_use", translator.Message.StopReason);
        Assert.True(translator.Message.IsFinished);
    }

    [Fact]
    public void Stream_EndingWithoutATerminalEvent_EndsWithAnErrorNotAMessageStop()
    {
        var translator = new ResponsesStreamTranslator("msg_1", "claude", new ToolNameMap(), 10);
        var output = new ArrayBufferWriter<byte>();
        foreach (var item in new ResponsesSse().Created().Message("msg_1", "Hi").Events) translator.Process(Encoding.UTF8.GetBytes(DataOf(item)), output);
        translator.EndOfStream(output);

        var events = SseEvents.Parse(output.WrittenSpan.ToArray()).Select(e => e.Event).ToList();
        Assert.Equal(["message_start", "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop", "error"], events);
    }

    private static string DataOf(string sseEvent) =>
        sseEvent.Split('\n').Single(line => line.StartsWith("data: ", StringComparison.Ordinal))["data: ".Length..];
}
