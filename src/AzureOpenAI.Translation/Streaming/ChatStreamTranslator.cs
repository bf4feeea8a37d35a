using System.Buffers;
using System.Text.Json;
using AzureOpenAI.Translation.Anthropic;
using AzureOpenAI.Translation.Mapping;

namespace AzureOpenAI.Translation.Streaming;

/// <summary>
/// Chat Completions SSE → Anthropic SSE, one upstream <c>data:</c> payload at a time (PROTOCOL.md §5.3).
/// Synchronous and I/O-free: the caller reads the upstream, feeds each payload, writes what lands in the output
/// buffer to the client and flushes after each call.
/// <code>
///  payload ──▶ [DONE]? ──────────────────────────────▶ Complete: close block, message_delta, message_stop
///     │
///     ▼ Utf8JsonReader, one pass, events written as fields are read
///  message_start (once) ─▶ choices[0].delta ─▶ content / refusal ─▶ text block
///     │                                      ├▶ reasoning_content / reasoning ─▶ thinking block (+ signature_delta)
///     │                                      └▶ tool_calls[k] ─▶ tool_use block, input_json_delta per fragment
///     ├▶ choices[0].finish_reason ─▶ remembered (the usage chunk comes after it)
///     ├▶ usage ─▶ remembered, even on chunks with empty choices
///     └▶ error / object:"error" / finish_reason:"error" ─▶ event: error, finished (no message_stop)
/// </code>
/// Blocks never interleave: one is open at a time, indexes are sequential. Tool calls start in order of appearance;
/// a call that appears while another call's arguments are still incomplete JSON is held (its fragments buffered) and
/// started, with the held fragments as one delta, as soon as the open call's arguments complete, or at the end. So
/// sequential upstreams (all known ones) stream every fragment live, and interleaving ones still yield valid events.
/// Fragments for a call whose block was already closed by text or thinking in between cannot be delivered and are
/// dropped; no known upstream does that.
/// </summary>
public sealed partial class ChatStreamTranslator(string messageId, string requestedModel, ToolNameMap toolNames, int inputTokensEstimate)
    : IAnthropicStreamTranslator
{
    private readonly AnthropicSseWriter _sse = new();
    private readonly List<StreamedToolCall> _toolCalls = [];

    private BlockKind _openBlock;
    private int _openIndex = -1;
    private StreamedToolCall? _openCall;
    private int _startedCalls;
    private string? _finishStopReason;
    private bool _sawRefusal;
    private AnthropicUsage? _usage;

    private enum BlockKind { None, Text, Thinking, ToolUse }

    /// <summary>True once <c>message_start</c> has been written.</summary>
    public bool HasStarted { get; private set; }

    /// <summary>True after <c>message_stop</c> or an <c>error</c> event: nothing more may be written.</summary>
    public bool IsFinished { get; private set; }

    /// <summary>Handles one upstream <c>data:</c> payload (including <c>[DONE]</c>) and writes the resulting Anthropic events.</summary>
    public void Process(ReadOnlySpan<byte> data, IBufferWriter<byte> output)
    {
        if (IsFinished) return;
        data = data.Trim(" \t\r\n"u8);
        if (data.IsEmpty) return;
        if (data.SequenceEqual("[DONE]"u8))
        {
            Complete(output);
            return;
        }

        bool isError;
        try
        {
            isError = ReadChunk(data, output);
        }
        catch (JsonException)
        {
            Fail(new AnthropicError(AnthropicErrorType.Api, "The upstream sent a malformed stream chunk."), output);
            return;
        }
        if (isError) Fail(UpstreamErrorMapper.MapPayload(data), output);
        else EnsureStarted(output);
    }

    /// <summary>The upstream ended (after <c>[DONE]</c> or at EOF): closes the open block, writes message_delta and message_stop.</summary>
    public void Complete(IBufferWriter<byte> output)
    {
        if (IsFinished) return;
        EnsureStarted(output);
        StartWaitingToolCalls(output, force: true);
        CloseOpenBlock(output);
        StopReason = StopReasons.Resolve(_finishStopReason, _toolCalls.Count > 0, _sawRefusal);
        _sse.MessageDelta(output, StopReason, FinalUsage);
        _sse.MessageStop(output);
        IsFinished = true;
    }

    /// <summary>The upstream failed mid-stream: writes <c>event: error</c>; the caller then ends the response (no message_stop).</summary>
    public void Fail(AnthropicError error, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (IsFinished) return;
        _sse.Error(output, error);
        IsFinished = true;
    }

    /// <summary>Writes <c>event: ping</c> (sent by the caller every 15 s of upstream silence).</summary>
    public static void WritePing(IBufferWriter<byte> output) => AnthropicSseWriter.WritePing(output);

    /// <summary>
    /// Usage as reported so far, for the request log, in Anthropic's terms (input excludes cached tokens); the
    /// <c>message_start</c> estimate until the upstream reports usage.
    /// </summary>
    public (int InputTokens, int OutputTokens) Usage => (FinalUsage.InputTokens, FinalUsage.OutputTokens);

    /// <summary>The Anthropic stop reason once known (after <c>message_delta</c>), for the request log.</summary>
    public string? StopReason { get; private set; }

    private AnthropicUsage FinalUsage => _usage ?? new AnthropicUsage(inputTokensEstimate, 0, 0, 0);

    private void EnsureStarted(IBufferWriter<byte> output)
    {
        if (HasStarted) return;
        _sse.MessageStart(output, messageId, requestedModel, inputTokensEstimate);
        HasStarted = true;
    }

    private void WriteText(ReadOnlySpan<byte> textLiteral, IBufferWriter<byte> output)
    {
        if (_openBlock != BlockKind.Text)
        {
            OpenBlock(BlockKind.Text, output);
            _sse.TextBlockStart(output, _openIndex);
        }
        _sse.TextDelta(output, _openIndex, textLiteral);
    }

    private void WriteThinking(ReadOnlySpan<byte> thinkingLiteral, IBufferWriter<byte> output)
    {
        if (_openBlock != BlockKind.Thinking)
        {
            OpenBlock(BlockKind.Thinking, output);
            _sse.ThinkingBlockStart(output, _openIndex);
        }
        _sse.ThinkingDelta(output, _openIndex, thinkingLiteral);
    }

    /// <summary>Closes the open block and takes the next index; the caller writes the <c>content_block_start</c>.</summary>
    private void OpenBlock(BlockKind kind, IBufferWriter<byte> output)
    {
        EnsureStarted(output);
        CloseOpenBlock(output);
        _openBlock = kind;
        _openIndex++;
    }

    private void CloseOpenBlock(IBufferWriter<byte> output)
    {
        if (_openBlock == BlockKind.None) return;
        if (_openBlock == BlockKind.Thinking) _sse.SignatureDelta(output, _openIndex, ThinkingSignature.Placeholder);
        _sse.BlockStop(output, _openIndex);
        _openBlock = BlockKind.None;
        _openCall = null;
    }
}
