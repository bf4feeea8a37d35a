using System.Buffers;
using AzureOpenAI.Translation.Anthropic;

namespace AzureOpenAI.Translation.Streaming;

/// <summary>
/// An upstream SSE stream → Anthropic SSE, one <c>data:</c> payload at a time: <see cref="ChatStreamTranslator"/>
/// (Chat Completions) or <see cref="ResponsesStreamTranslator"/> (Responses API). The relay reads payloads, feeds
/// them, writes the output buffer to the client after each call, and ends after <see cref="IsFinished"/>.
/// </summary>
public interface IAnthropicStreamTranslator
{
    /// <summary>True once <c>message_start</c> has been written.</summary>
    bool HasStarted { get; }

    /// <summary>True after <c>message_stop</c> or an <c>error</c> event: nothing more may be written.</summary>
    bool IsFinished { get; }

    /// <summary>Usage so far in Anthropic's terms, for the request log.</summary>
    (int InputTokens, int OutputTokens) Usage { get; }

    /// <summary>The Anthropic stop reason once known, for the request log.</summary>
    string? StopReason { get; }

    /// <summary>Handles one upstream <c>data:</c> payload and writes the resulting Anthropic events.</summary>
    void Process(ReadOnlySpan<byte> data, IBufferWriter<byte> output);

    /// <summary>The upstream ended: closes the open block, writes message_delta and message_stop.</summary>
    void Complete(IBufferWriter<byte> output);

    /// <summary>The upstream failed mid-stream: writes <c>event: error</c>.</summary>
    void Fail(AnthropicError error, IBufferWriter<byte> output);
}
