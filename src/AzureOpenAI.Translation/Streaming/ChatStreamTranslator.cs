using System.Buffers;
using System.Text.Json;
using AzureOpenAI.Translation.Anthropic;
using AzureOpenAI.Translation.Mapping;
using AzureOpenAI.Translation.Answers;
using AzureOpenAI.Translation.Errors;

namespace AzureOpenAI.Translation.Streaming;

/// <summary>
/// Chat Completions SSE → Anthropic SSE, one upstream <c>data:</c> payload at a time (PROTOCOL.md §5.3).
/// Synchronous and I/O-free: <see cref="StreamRelayLoop"/> feeds each payload and writes what lands in the output
/// buffer. All Anthropic events go through <see cref="Message"/>, which keeps the block grammar.
/// <code>
///  payload ──▶ [DONE]? ──────────────────────────────▶ finish: close block, message_delta, message_stop
///     │
///     ▼ Utf8JsonReader, one pass, events written as fields are read
///  message_start (once) ─▶ choices[0].delta ─▶ content / refusal ─▶ text block
///     │                                      ├▶ reasoning_content / reasoning ─▶ thinking block (+ signature_delta)
///     │                                      └▶ tool_calls[k] ─▶ tool_use block, input_json_delta per fragment
///     ├▶ choices[0].finish_reason ─▶ remembered (the usage chunk comes after it)
///     ├▶ usage ─▶ remembered, even on chunks with empty choices
///     └▶ error / object:"error" / finish_reason:"error" ─▶ event: error, finished (no message_stop)
///  EOF without [DONE] ─▶ finish if a finish_reason came, else event: error (the answer was cut short)
/// </code>
/// Blocks never interleave: one is open at a time, indexes are sequential. Tool calls start in order of appearance;
/// a call that appears while another call's arguments are still incomplete JSON is held (its fragments buffered) and
/// started, with the held fragments as one delta, as soon as the open call's arguments complete, or at the end. So
/// sequential upstreams (all known ones) stream every fragment live, and interleaving ones still yield valid events.
/// Fragments for a call whose block was already closed by text or thinking in between cannot be delivered and are
/// dropped; no known upstream does that.
/// </summary>
internal sealed partial class ChatStreamTranslator(string messageId, string requestedModel, ToolNameMap toolNames, int inputTokensEstimate)
    : IAnthropicStreamTranslator
{
    private readonly List<StreamedToolCall> _toolCalls = [];

    private int _startedCalls;
    private string? _finishStopReason;
    private bool _sawRefusal;

    public AnthropicMessageStream Message { get; } = new(messageId, requestedModel, inputTokensEstimate);

    /// <summary>The tool call whose block is open: calls start in order, so it is always the last one started.</summary>
    private StreamedToolCall? OpenCall => Message.OpenBlock == AnthropicBlockKind.ToolUse ? _toolCalls[_startedCalls - 1] : null;

    public void Process(ReadOnlySpan<byte> data, IBufferWriter<byte> output)
    {
        if (Message.IsFinished) return;
        data = data.Trim(" \t\r\n"u8);
        if (data.IsEmpty) return;
        if (data.SequenceEqual("[DONE]"u8))
        {
            // [DONE] before any chunk is an answer that never came, not an empty one.
            if (Message.HasStarted) Finish(output);
            else Message.FailEndedEarly(output);
            return;
        }

        bool isError, isChatChunk;
        try
        {
            isError = ReadChunk(data, output, out isChatChunk);
        }
        catch (JsonException)
        {
            Message.Fail(output, new AnthropicError(AnthropicErrorType.Api, "The upstream sent a malformed stream chunk."));
            return;
        }
        if (isError) Message.Fail(output, UpstreamErrorMapper.MapPayload(data));
        // Another API's events (a misrouted stream) carry no answer: they start nothing, so such a stream ends as unusable.
        else if (isChatChunk) Message.Start(output);
    }

    /// <summary>A finish_reason means the answer was done and only <c>[DONE]</c> went missing; without one it was cut short.</summary>
    public void EndOfStream(IBufferWriter<byte> output)
    {
        if (Message.IsFinished) return;
        if (_finishStopReason is null) Message.FailEndedEarly(output);
        else Finish(output);
    }

    private void Finish(IBufferWriter<byte> output)
    {
        StartWaitingToolCalls(output, force: true);
        Message.Finish(output, StopReasons.Resolve(_finishStopReason, Message.HasToolUse, _sawRefusal));
    }

    private void WriteText(ReadOnlySpan<byte> textLiteral, IBufferWriter<byte> output)
    {
        if (Message.OpenBlock != AnthropicBlockKind.Text) Message.StartText(output);
        Message.TextDelta(output, textLiteral);
    }

    private void WriteThinking(ReadOnlySpan<byte> thinkingLiteral, IBufferWriter<byte> output)
    {
        if (Message.OpenBlock != AnthropicBlockKind.Thinking) Message.StartThinking(output);
        Message.ThinkingDelta(output, thinkingLiteral);
    }
}
