using System.Buffers;
using System.Text.Json.Nodes;
using AzureOpenAI.TestSupport;
using AzureOpenAI.Translation.Anthropic;
using AzureOpenAI.Translation.Mapping;
using AzureOpenAI.Translation.Streaming;
using Xunit;
using AzureOpenAI.Translation.Answers;

namespace AzureOpenAI.Translation.Tests.Streaming;

public sealed class AnthropicMessageStreamTests
{
    private readonly AnthropicMessageStream _message = new("msg_1", "claude-sonnet-4-5", 42);
    private readonly ArrayBufferWriter<byte> _output = new();

    private IReadOnlyList<SseEvent> Events => SseEvents.Parse(_output.WrittenSpan.ToArray());

    private static JsonNode Data(SseEvent e) => JsonNode.Parse(e.Data)!;

    [Fact]
    public void Blocks_OpenWithSequentialIndexes_EachClosingThePreviousOne()
    {
        _message.StartThinking(_output);
        _message.StartText(_output);
        _message.StartToolUse(_output, "toolu_1", "Bash");
        _message.Finish(_output, StopReasons.ToolUse);

        Assert.Equal(
            ["message_start", "content_block_start", "content_block_delta", "content_block_stop", "content_block_start", "content_block_stop",
             "content_block_start", "content_block_stop", "message_delta", "message_stop"],
            Events.Select(e => e.Event));
        Assert.Equal([0, 1, 2], Events.Where(e => e.Event == "content_block_start").Select(e => (int)Data(e)["index"]!));
        Assert.Equal([0, 1, 2], Events.Where(e => e.Event == "content_block_stop").Select(e => (int)Data(e)["index"]!));
        AnthropicStreamAssert.WellFormed(_output.WrittenSpan.ToArray());
    }

    [Fact]
    public void ClosingAThinkingBlock_SendsTheGivenSignatureFirst()
    {
        _message.StartThinking(_output);
        _message.ThinkingDelta(_output, "\"hmm\""u8);
        _message.CloseBlock(_output, "rsn1.sig");

        var signature = Events[^2];
        Assert.Equal("signature_delta", (string?)Data(signature)["delta"]!["type"]);
        Assert.Equal("rsn1.sig", (string?)Data(signature)["delta"]!["signature"]);
        Assert.Equal("content_block_stop", Events[^1].Event);
    }

    [Fact]
    public void ThinkingBlockClosedByTheNextBlock_GetsThePlaceholderSignature()
    {
        _message.StartThinking(_output);
        _message.StartText(_output);

        Assert.Equal(ThinkingSignature.Placeholder, (string?)Data(Events[2])["delta"]!["signature"]);
    }

    [Fact]
    public void FailAfterStart_WritesOnlyTheErrorAndNothingAfterIt()
    {
        _message.StartText(_output);
        _message.TextDelta(_output, "\"Hi\""u8);
        _message.Fail(_output, new AnthropicError(AnthropicErrorType.Overloaded, "gone"));
        _message.Finish(_output, StopReasons.EndTurn);
        _message.Ping(_output);

        Assert.Equal(["message_start", "content_block_start", "content_block_delta", "error"], Events.Select(e => e.Event));
        Assert.True(_message.IsFinished);
        Assert.Null(_message.StopReason);
        Assert.Equal(AnthropicErrorType.Overloaded, _message.Failure?.Type);
        AnthropicStreamAssert.WellFormed(_output.WrittenSpan.ToArray());
    }

    [Fact]
    public void Ping_IsWrittenOnlyBetweenMessageStartAndTheEnd()
    {
        _message.Ping(_output);
        Assert.Equal(0, _output.WrittenCount);

        _message.Start(_output);
        _message.Ping(_output);
        _message.Finish(_output, StopReasons.EndTurn);
        _message.Ping(_output);

        Assert.Equal(["message_start", "ping", "message_delta", "message_stop"], Events.Select(e => e.Event));
        Assert.Equal("""{"type":"ping"}""", Events[1].Data);
    }

    [Fact]
    public void Finish_WritesTheStopReasonAndTheReportedUsage_ElseTheEstimate()
    {
        Assert.Equal(new MessageUsage(42, 0, 0, 0, 0), _message.Usage);
        _message.ReportUsage(new AnthropicUsage(500, 7, 1500, 0));
        _message.Finish(_output, StopReasons.MaxTokens);

        var delta = Data(Events[^2]);
        Assert.Equal("max_tokens", (string?)delta["delta"]!["stop_reason"]);
        Assert.Equal(7, (int)delta["usage"]!["output_tokens"]!);
        Assert.Equal(1500, (int)delta["usage"]!["cache_read_input_tokens"]!);
        Assert.Equal(new MessageUsage(500, 7, 1500, 0, 0), _message.Usage);
        Assert.Equal("max_tokens", _message.StopReason);
    }

    [Fact]
    public void FailEndedEarly_IsAnApiErrorSayingTheAnswerWasCutShort()
    {
        _message.Start(_output);
        _message.FailEndedEarly(_output);

        var error = Data(Events[^1])["error"]!;
        Assert.Equal("api_error", (string?)error["type"]);
        Assert.Equal("The upstream stream ended before the answer was complete.", (string?)error["message"]);
    }
}
