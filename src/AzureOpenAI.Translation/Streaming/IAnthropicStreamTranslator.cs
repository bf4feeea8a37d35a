using System.Buffers;

namespace AzureOpenAI.Translation.Streaming;

/// <summary>
/// An upstream SSE stream → Anthropic SSE, one <c>data:</c> payload at a time: <see cref="ChatStreamTranslator"/>
/// (Chat Completions) or <see cref="ResponsesStreamTranslator"/> (Responses API). Both write through their
/// <see cref="Message"/>; <see cref="StreamRelayLoop"/> drives them and writes the output after each call.
/// </summary>
public interface IAnthropicStreamTranslator
{
    /// <summary>The Anthropic message being written: its state, usage and stop reason, pings and failures.</summary>
    AnthropicMessageStream Message { get; }

    /// <summary>Handles one upstream <c>data:</c> payload (including a <c>[DONE]</c> marker) and writes the resulting events.</summary>
    void Process(ReadOnlySpan<byte> data, IBufferWriter<byte> output);

    /// <summary>
    /// The upstream stream ended (EOF). Finishes the message when the upstream had said the answer was done; otherwise
    /// writes <c>event: error</c>, so a truncated answer never looks complete.
    /// </summary>
    void EndOfStream(IBufferWriter<byte> output);
}
