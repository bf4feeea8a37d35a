using AzureOpenAI.TestSupport;
using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using AzureOpenAI.Translation.Anthropic;
using AzureOpenAI.Translation.Streaming;
using Xunit;

namespace AzureOpenAI.Translation.Tests.Streaming;

public sealed class ChatStreamTranslatorTests
{
    private readonly ChatStreamTranslator _translator = StreamReplay.CreateTranslator();
    private readonly ArrayBufferWriter<byte> _output = new();

    private void Feed(params string[] payloads)
    {
        foreach (var payload in payloads) _translator.Process(Encoding.UTF8.GetBytes(payload), _output);
    }

    private IReadOnlyList<SseEvent> Events => SseEvents.Parse(_output.WrittenSpan.ToArray());

    private static string Delta(string delta, string? finish = null) =>
        $$"""{"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{{delta}},"finish_reason":{{(finish is null ? "null" : $"\"{finish}\"")}}}]}""";

    [Fact]
    public void FirstPayload_WritesMessageStartAtOnce()
    {
        Feed("""{"choices":[],"prompt_filter_results":[]}""");

        Assert.True(_translator.Message.HasStarted);
        Assert.Equal(["message_start"], Events.Select(e => e.Event));
    }

    [Fact]
    public void ErrorAsFirstPayload_WritesOnlyTheErrorEvent()
    {
        Feed("""{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}""", "[DONE]");

        Assert.False(_translator.Message.HasStarted);
        Assert.True(_translator.Message.IsFinished);
        var error = Assert.Single(Events);
        Assert.Equal("error", error.Event);
        Assert.Equal("rate_limit_error", (string?)JsonNode.Parse(error.Data)!["error"]!["type"]);
    }

    [Fact]
    public void MalformedChunk_EndsWithApiErrorAndNoMessageStop()
    {
        Feed(Delta("""{"content":"Hi"}"""), """{"choices":[{"delta":{"content":"broken""");

        Assert.True(_translator.Message.IsFinished);
        Assert.Equal("error", Events[^1].Event);
        Assert.DoesNotContain(Events, e => e.Event == "message_stop");
        AnthropicStreamAssert.WellFormed(_output.WrittenSpan.ToArray());
    }

    [Fact]
    public void Fail_WritesErrorEventAndIgnoresLaterInput()
    {
        Feed(Delta("""{"content":"Hi"}"""));
        _translator.Message.Fail(_output, new AnthropicError(AnthropicErrorType.Overloaded, "Upstream connection lost"));
        Feed(Delta("""{"content":"late"}"""), "[DONE]");
        _translator.EndOfStream(_output);

        Assert.Equal(["message_start", "content_block_start", "content_block_delta", "error"], Events.Select(e => e.Event));
        Assert.Equal("""{"type":"error","error":{"type":"overloaded_error","message":"Upstream connection lost"}}""", Events[^1].Data);
        Assert.Null(_translator.Message.StopReason);
    }

    [Fact]
    public void UsageAndStopReason_AreExposedForTheRequestLog()
    {
        Assert.Equal(new MessageUsage(100, 0, 0, 0, 0), _translator.Message.Usage);

        Feed(Delta("""{"content":"Hi"}""", "length"),
            """{"choices":[],"usage":{"prompt_tokens":2000,"completion_tokens":7,"prompt_tokens_details":{"cached_tokens":1500},"completion_tokens_details":{"reasoning_tokens":3}}}""");
        Assert.Null(_translator.Message.StopReason);
        Feed("[DONE]");

        Assert.Equal(new MessageUsage(500, 7, 1500, 0, 3), _translator.Message.Usage);
        Assert.Equal("max_tokens", _translator.Message.StopReason);
    }

    [Fact]
    public void ToolCallWithoutId_GetsASynthesizedAnthropicId()
    {
        Feed(Delta("""{"tool_calls":[{"index":0,"function":{"name":"Bash","arguments":"{}"}}]}"""), "[DONE]");

        var start = JsonNode.Parse(Events.Single(e => e.Event == "content_block_start").Data)!;
        Assert.Matches("^toolu_[A-Za-z0-9]{24}$", (string?)start["content_block"]!["id"]);
        Assert.Equal("tool_use", _translator.Message.StopReason);
    }

    [Fact]
    public void NewIdAtSameIndex_StartsANewToolCall()
    {
        Feed(Delta("""{"tool_calls":[{"index":0,"id":"call_a","function":{"name":"Bash","arguments":"{\"command\":\"ls\"}"}}]}"""),
            Delta("""{"tool_calls":[{"index":0,"id":"call_b","function":{"name":"Bash","arguments":"{\"command\":\"pwd\"}"}}]}"""),
            "[DONE]");

        var ids = Events.Where(e => e.Event == "content_block_start").Select(e => (string?)JsonNode.Parse(e.Data)!["content_block"]!["id"]);
        Assert.Equal(["call_a", "call_b"], ids);
        AnthropicStreamAssert.WellFormed(_output.WrittenSpan.ToArray());
    }

    [Fact]
    public void FragmentsWithoutIndex_ContinueTheLatestCall()
    {
        Feed(Delta("""{"tool_calls":[{"id":"call_a","function":{"name":"Bash","arguments":"{\"command\":"}}]}"""),
            Delta("""{"tool_calls":[{"function":{"arguments":"\"ls\"}"}}]}"""),
            "[DONE]");

        Assert.Single(Events, e => e.Event == "content_block_start");
        var partial = Events.Where(e => e.Event == "content_block_delta").Select(e => (string?)JsonNode.Parse(e.Data)!["delta"]!["partial_json"]);
        Assert.Equal(["{\"command\":", "\"ls\"}"], partial);
    }

    [Fact]
    public void NameArrivingAfterArguments_HoldsTheCallUntilItIsNamed()
    {
        Feed(Delta("""{"tool_calls":[{"index":0,"id":"call_a","function":{"arguments":"{\"command\":"}}]}"""));
        Assert.DoesNotContain(Events, e => e.Event == "content_block_start");

        Feed(Delta("""{"tool_calls":[{"index":0,"function":{"name":"Bash","arguments":"\"ls\"}"}}]}"""), "[DONE]");

        var start = JsonNode.Parse(Events.Single(e => e.Event == "content_block_start").Data)!;
        Assert.Equal("Bash", (string?)start["content_block"]!["name"]);
        var partial = Events.Where(e => e.Event == "content_block_delta").Select(e => (string?)JsonNode.Parse(e.Data)!["delta"]!["partial_json"]);
        Assert.Equal(["{\"command\":", "\"ls\"}"], partial);
    }

    [Fact]
    public void ArgumentFragment_IsForwardedInTheSameCallThatReceivesIt()
    {
        Feed(Delta("""{"tool_calls":[{"index":0,"id":"call_a","function":{"name":"Bash","arguments":""}}]}"""));
        var before = _output.WrittenCount;

        Feed(Delta("""{"tool_calls":[{"index":0,"function":{"arguments":"{\"comm"}}]}"""));

        var written = Encoding.UTF8.GetString(_output.WrittenSpan[before..]);
        Assert.Equal("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"comm\"}}\n\n", written);
    }

    [Fact]
    public void ReasoningThenText_ClosesThinkingWithSignatureBeforeText()
    {
        Feed(Delta("""{"reasoning_content":"hmm"}"""), Delta("""{"content":"ok"}"""), "[DONE]");

        Assert.Equal(
            ["message_start", "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
             "content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop"],
            Events.Select(e => e.Event));
        Assert.Equal("signature_delta", (string?)JsonNode.Parse(Events[3].Data)!["delta"]!["type"]);
    }

    [Fact]
    public void PayloadsAfterDone_AreIgnored()
    {
        Feed(Delta("""{"content":"Hi"}"""), "[DONE]");
        var length = _output.WrittenCount;

        Feed(Delta("""{"content":"more"}"""), "[DONE]");
        _translator.EndOfStream(_output);

        Assert.Equal(length, _output.WrittenCount);
    }

    [Fact]
    public void EndOfStream_AfterAFinishReason_CompletesTheMessage()
    {
        Feed(Delta("""{"content":"Hi"}""", "length"));
        _translator.EndOfStream(_output);

        Assert.Equal("message_stop", Events[^1].Event);
        Assert.Equal("max_tokens", _translator.Message.StopReason);
        AnthropicStreamAssert.WellFormed(_output.WrittenSpan.ToArray());
    }

    [Fact]
    public void EndOfStream_WithoutAFinishReason_EndsWithAnApiErrorAndNoMessageStop()
    {
        Feed(Delta("""{"tool_calls":[{"index":0,"id":"call_a","function":{"name":"Bash","arguments":"{\"command\":"}}]}"""));
        _translator.EndOfStream(_output);

        Assert.DoesNotContain(Events, e => e.Event is "message_delta" or "message_stop");
        var error = JsonNode.Parse(Events[^1].Data)!["error"]!;
        Assert.Equal("api_error", (string?)error["type"]);
        Assert.Contains("ended before the answer was complete", (string?)error["message"], StringComparison.Ordinal);
        Assert.Null(_translator.Message.StopReason);
        AnthropicStreamAssert.WellFormed(_output.WrittenSpan.ToArray());
    }
}
