using System.Buffers;
using System.Diagnostics;
using AzureOpenAI.Translation.Anthropic;
using AzureOpenAI.Translation.Mapping;

namespace AzureOpenAI.Translation.Streaming;

/// <summary>The kind of the Anthropic content block that is open, if any.</summary>
internal enum AnthropicBlockKind { None, Text, Thinking, ToolUse }

/// <summary>
/// The Anthropic side of one streamed answer (PROTOCOL.md §1.6) and the only writer of its events. The stream
/// translators decide what to open and when; this class keeps the grammar:
/// <code>
///  message_start (before anything else, once)
///  ─▶ per block: content_block_start (index 0, 1, …; the open block is closed first)
///               content_block_delta* ─▶ [thinking: signature_delta] ─▶ content_block_stop
///  ─▶ Finish: message_delta (stop reason, usage) ─▶ message_stop
///  or Fail at any point: event: error, and nothing after it (no message_stop)
///  ping: only between message_start and the end
/// </code>
/// </summary>
public sealed class AnthropicMessageStream
{
    private static readonly AnthropicError EndedEarlyError =
        new(AnthropicErrorType.Api, "The upstream stream ended before the answer was complete.");

    private readonly AnthropicSseWriter _sse = new();
    private readonly string _messageId;
    private readonly string _requestedModel;
    private readonly int _inputTokensEstimate;
    private AnthropicUsage? _reportedUsage;
    private int _blockCount;

    internal AnthropicMessageStream(string messageId, string requestedModel, int inputTokensEstimate)
    {
        _messageId = messageId;
        _requestedModel = requestedModel;
        _inputTokensEstimate = inputTokensEstimate;
    }

    /// <summary>True once <c>message_start</c> has been written.</summary>
    public bool HasStarted { get; private set; }

    /// <summary>True after <c>message_stop</c> or an <c>error</c> event: nothing more is written.</summary>
    public bool IsFinished { get; private set; }

    /// <summary>The Anthropic stop reason once <c>message_delta</c> is written, for the request log.</summary>
    public string? StopReason { get; private set; }

    /// <summary>The error the stream ended with, if it failed.</summary>
    public AnthropicError? Failure { get; private set; }

    /// <summary>True when the upstream stream ended without saying it was done (see <see cref="Failure"/>).</summary>
    public bool EndedEarly { get; private set; }

    /// <summary>
    /// Usage as reported so far, in Anthropic's terms (input excludes cached tokens); the <c>message_start</c>
    /// estimate until the upstream reports usage.
    /// </summary>
    public MessageUsage Usage => FinalUsage.ToMessageUsage();

    internal AnthropicBlockKind OpenBlock { get; private set; }

    /// <summary>The index of the open block (or of the last one, once it is closed); -1 before the first.</summary>
    internal int OpenIndex => _blockCount - 1;

    /// <summary>True once a tool_use block has started, which makes the stop reason tool_use.</summary>
    internal bool HasToolUse { get; private set; }

    private AnthropicUsage FinalUsage => _reportedUsage ?? new AnthropicUsage(_inputTokensEstimate, 0, 0, 0);

    /// <summary>Writes <c>event: ping</c> while the message is under way; before message_start or after the end it would break the grammar.</summary>
    public void Ping(IBufferWriter<byte> output)
    {
        if (HasStarted && !IsFinished) AnthropicSseWriter.WritePing(output);
    }

    /// <summary>Writes <c>event: error</c> and ends the stream: the caller ends the response, with no message_stop.</summary>
    public void Fail(IBufferWriter<byte> output, AnthropicError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (IsFinished) return;
        _sse.Error(output, error);
        Failure = error;
        IsFinished = true;
    }

    /// <summary>The upstream stream ended without saying it was done: a truncated answer must not look complete.</summary>
    internal void FailEndedEarly(IBufferWriter<byte> output)
    {
        EndedEarly = true;
        Fail(output, EndedEarlyError);
    }

    internal void ReportUsage(AnthropicUsage usage) => _reportedUsage = usage;

    internal void Start(IBufferWriter<byte> output)
    {
        if (HasStarted) return;
        _sse.MessageStart(output, _messageId, _requestedModel, _inputTokensEstimate);
        HasStarted = true;
    }

    internal void StartText(IBufferWriter<byte> output)
    {
        OpenNext(AnthropicBlockKind.Text, output);
        _sse.TextBlockStart(output, OpenIndex);
    }

    internal void StartThinking(IBufferWriter<byte> output)
    {
        OpenNext(AnthropicBlockKind.Thinking, output);
        _sse.ThinkingBlockStart(output, OpenIndex);
    }

    internal void StartToolUse(IBufferWriter<byte> output, string id, string name)
    {
        OpenNext(AnthropicBlockKind.ToolUse, output);
        HasToolUse = true;
        _sse.ToolUseBlockStart(output, OpenIndex, id, name);
    }

    /// <summary>Writes a text_delta; <paramref name="literal"/> is a JSON string token (quotes and escapes included).</summary>
    internal void TextDelta(IBufferWriter<byte> output, ReadOnlySpan<byte> literal)
    {
        Debug.Assert(OpenBlock == AnthropicBlockKind.Text);
        _sse.TextDelta(output, OpenIndex, literal);
    }

    internal void ThinkingDelta(IBufferWriter<byte> output, ReadOnlySpan<byte> literal)
    {
        Debug.Assert(OpenBlock == AnthropicBlockKind.Thinking);
        _sse.ThinkingDelta(output, OpenIndex, literal);
    }

    internal void InputJsonDelta(IBufferWriter<byte> output, ReadOnlySpan<byte> literal)
    {
        Debug.Assert(OpenBlock == AnthropicBlockKind.ToolUse);
        _sse.InputJsonDelta(output, OpenIndex, literal);
    }

    /// <summary>
    /// Closes the open block, if any. A thinking block first gets its signature: the upstream's when it has one
    /// (Responses reasoning), otherwise the placeholder, since Claude Code rejects a thinking block without one.
    /// </summary>
    internal void CloseBlock(IBufferWriter<byte> output, string thinkingSignature = ThinkingSignature.Placeholder)
    {
        if (OpenBlock == AnthropicBlockKind.None) return;
        if (OpenBlock == AnthropicBlockKind.Thinking) _sse.SignatureDelta(output, OpenIndex, thinkingSignature);
        _sse.BlockStop(output, OpenIndex);
        OpenBlock = AnthropicBlockKind.None;
    }

    /// <summary>Ends the message: closes the open block, writes message_delta (stop reason, usage) and message_stop.</summary>
    internal void Finish(IBufferWriter<byte> output, string stopReason)
    {
        if (IsFinished) return;
        Start(output);
        CloseBlock(output);
        StopReason = stopReason;
        _sse.MessageDelta(output, stopReason, FinalUsage);
        _sse.MessageStop(output);
        IsFinished = true;
    }

    private void OpenNext(AnthropicBlockKind kind, IBufferWriter<byte> output)
    {
        Debug.Assert(!IsFinished);
        Start(output);
        CloseBlock(output);
        OpenBlock = kind;
        _blockCount++;
    }
}
