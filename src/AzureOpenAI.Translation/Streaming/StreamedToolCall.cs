using System.Buffers;

namespace AzureOpenAI.Translation.Streaming;

/// <summary>
/// One upstream tool call as the stream translator knows it: its upstream key, the latched id and name, and, while it
/// waits for the open block to finish, the argument fragments received so far.
/// </summary>
internal sealed class StreamedToolCall(int upstreamIndex, byte[]? upstreamId)
{
    private ArrayBufferWriter<byte>? _pending;

    public int UpstreamIndex { get; } = upstreamIndex;

    /// <summary>The first id seen for the call (raw UTF-8); null until one arrives.</summary>
    public byte[]? UpstreamId { get; set; } = upstreamId;

    /// <summary>The client's name for the tool (mapped back through the request's tool-name map); null until one arrives.</summary>
    public string? Name { get; set; }

    /// <summary>True once its <c>content_block_start</c> is written.</summary>
    public bool HasStarted { get; set; }

    /// <summary>Whether the arguments seen so far form a complete JSON value; a mutable struct, hence a field.</summary>
    public JsonCompletionTracker Arguments;

    /// <summary>Keeps an argument fragment (its escaped string content) until the call's block can start.</summary>
    public void Hold(ReadOnlySpan<byte> escapedFragment)
    {
        if (_pending is null)
        {
            _pending = new ArrayBufferWriter<byte>(Math.Max(256, escapedFragment.Length + 2));
            _pending.Write("\""u8);
        }
        _pending.Write(escapedFragment);
    }

    /// <summary>The held fragments as one JSON string literal, or empty when nothing was held; clears the buffer.</summary>
    public ReadOnlySpan<byte> TakeHeld()
    {
        if (_pending is null) return default;
        _pending.Write("\""u8);
        var literal = _pending.WrittenSpan;
        _pending = null;
        return literal;
    }
}
