using System.Buffers;
using AzureOpenAI.Translation.Anthropic;
using AzureOpenAI.Translation.Mapping;

namespace AzureOpenAI.Translation.Streaming;

/// <summary>
/// Chat Completions SSE → Anthropic SSE, one upstream <c>data:</c> payload at a time (PROTOCOL.md §5.3).
/// Synchronous and I/O-free: the caller reads the upstream, feeds each payload, writes what lands in the output
/// buffer to the client and flushes after each call.
/// </summary>
public sealed class ChatStreamTranslator(string messageId, string requestedModel, ToolNameMap toolNames, int inputTokensEstimate)
{
    /// <summary>True once <c>message_start</c> has been written.</summary>
    public bool HasStarted { get; private set; }

    /// <summary>True after <c>message_stop</c> or an <c>error</c> event: nothing more may be written.</summary>
    public bool IsFinished { get; private set; }

    /// <summary>Handles one upstream <c>data:</c> payload (including <c>[DONE]</c>) and writes the resulting Anthropic events.</summary>
    public void Process(ReadOnlySpan<byte> data, IBufferWriter<byte> output) =>
        throw new NotImplementedException($"stream translation: issue #2 {messageId} {requestedModel} {toolNames} {inputTokensEstimate}");

    /// <summary>The upstream ended (after <c>[DONE]</c> or at EOF): closes the open block, writes message_delta and message_stop.</summary>
    public void Complete(IBufferWriter<byte> output) => throw new NotImplementedException();

    /// <summary>The upstream failed mid-stream: writes <c>event: error</c>; the caller then ends the response (no message_stop).</summary>
    public void Fail(AnthropicError error, IBufferWriter<byte> output) => throw new NotImplementedException();

    /// <summary>Writes <c>event: ping</c> (sent by the caller every 15 s of upstream silence).</summary>
    public static void WritePing(IBufferWriter<byte> output) => throw new NotImplementedException();

    /// <summary>Usage as reported so far, for the request log.</summary>
    public (int InputTokens, int OutputTokens) Usage => throw new NotImplementedException();

    /// <summary>The Anthropic stop reason once known, for the request log.</summary>
    public string? StopReason => throw new NotImplementedException();
}
