using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using AzureOpenAI.Translation.Anthropic;
using AzureOpenAI.Translation.Mapping;

namespace AzureOpenAI.Translation.Anthropic;

/// <summary>
/// Writes Anthropic SSE events (<c>event: X\ndata: {compact json}\n\n</c>, PROTOCOL.md §1.6) into the caller's buffer,
/// reusing one <see cref="Utf8JsonWriter"/>. Text arrives as JSON string literals copied from the upstream chunk
/// (quotes and escapes included), so it is written without being unescaped and escaped again.
/// </summary>
internal sealed class AnthropicSseWriter
{
    // SSE is not HTML: only what JSON requires is escaped, so non-ASCII text stays as UTF-8.

    private Utf8JsonWriter? _json;

    public static void WritePing(IBufferWriter<byte> output) => output.Write("event: ping\ndata: {\"type\":\"ping\"}\n\n"u8);

    public void MessageStart(IBufferWriter<byte> output, string messageId, string model, int inputTokensEstimate)
    {
        var json = Begin(output, "message_start"u8);
        json.WriteStartObject("message"u8);
        MessageJson.WriteHead(json, messageId, model);
        json.WriteStartArray("content"u8);
        json.WriteEndArray();
        MessageJson.WriteTail(json, stopReason: null, new AnthropicUsage(inputTokensEstimate, OutputTokens: 1, 0, 0));
        json.WriteEndObject();
        End(output);
    }

    public void TextBlockStart(IBufferWriter<byte> output, int index)
    {
        var json = BeginBlockStart(output, index);
        json.WriteString("type"u8, "text"u8);
        json.WriteString("text"u8, ""u8);
        json.WriteNull("citations"u8);
        EndBlockStart(output);
    }

    public void ThinkingBlockStart(IBufferWriter<byte> output, int index)
    {
        var json = BeginBlockStart(output, index);
        json.WriteString("type"u8, "thinking"u8);
        json.WriteString("thinking"u8, ""u8);
        json.WriteString("signature"u8, ""u8);
        EndBlockStart(output);
    }

    public void ToolUseBlockStart(IBufferWriter<byte> output, int index, string id, string name)
    {
        var json = BeginBlockStart(output, index);
        MessageJson.WriteToolUseHead(json, id, name);
        json.WriteStartObject("input"u8);
        json.WriteEndObject();
        EndBlockStart(output);
    }

    public void TextDelta(IBufferWriter<byte> output, int index, ReadOnlySpan<byte> textLiteral) =>
        Delta(output, index, "text_delta"u8, "text"u8, textLiteral);

    public void ThinkingDelta(IBufferWriter<byte> output, int index, ReadOnlySpan<byte> thinkingLiteral) =>
        Delta(output, index, "thinking_delta"u8, "thinking"u8, thinkingLiteral);

    public void InputJsonDelta(IBufferWriter<byte> output, int index, ReadOnlySpan<byte> partialJsonLiteral) =>
        Delta(output, index, "input_json_delta"u8, "partial_json"u8, partialJsonLiteral);

    public void SignatureDelta(IBufferWriter<byte> output, int index, string signature)
    {
        var json = BeginDelta(output, index, "signature_delta"u8);
        json.WriteString("signature"u8, signature);
        EndDelta(output);
    }

    public void BlockStop(IBufferWriter<byte> output, int index)
    {
        var json = Begin(output, "content_block_stop"u8);
        json.WriteNumber("index"u8, index);
        End(output);
    }

    public void MessageDelta(IBufferWriter<byte> output, string stopReason, AnthropicUsage usage)
    {
        var json = Begin(output, "message_delta"u8);
        json.WriteStartObject("delta"u8);
        json.WriteString("stop_reason"u8, stopReason);
        json.WriteNull("stop_sequence"u8);
        json.WriteNull("stop_details"u8);
        json.WriteNull("container"u8);
        json.WriteEndObject();
        usage.WriteDeltaUsage(json);
        End(output);
    }

    public void MessageStop(IBufferWriter<byte> output)
    {
        Begin(output, "message_stop"u8);
        End(output);
    }

    public void Error(IBufferWriter<byte> output, AnthropicError error)
    {
        output.Write("event: error\ndata: "u8);
        error.WriteTo(Json(output));
        _json!.Flush();
        output.Write("\n\n"u8);
    }

    private void Delta(IBufferWriter<byte> output, int index, ReadOnlySpan<byte> type, ReadOnlySpan<byte> property, ReadOnlySpan<byte> literal)
    {
        var json = BeginDelta(output, index, type);
        json.WritePropertyName(property);
        // The literal is a complete JSON string token taken from a chunk the reader has already validated.
        json.WriteRawValue(literal, skipInputValidation: true);
        EndDelta(output);
    }

    private Utf8JsonWriter BeginDelta(IBufferWriter<byte> output, int index, ReadOnlySpan<byte> type)
    {
        var json = Begin(output, "content_block_delta"u8);
        json.WriteNumber("index"u8, index);
        json.WriteStartObject("delta"u8);
        json.WriteString("type"u8, type);
        return json;
    }

    private void EndDelta(IBufferWriter<byte> output)
    {
        _json!.WriteEndObject();
        End(output);
    }

    private Utf8JsonWriter BeginBlockStart(IBufferWriter<byte> output, int index)
    {
        var json = Begin(output, "content_block_start"u8);
        json.WriteNumber("index"u8, index);
        json.WriteStartObject("content_block"u8);
        return json;
    }

    private void EndBlockStart(IBufferWriter<byte> output)
    {
        _json!.WriteEndObject();
        End(output);
    }

    /// <summary>Writes <c>event: {type}\ndata: </c> and opens the data object with its <c>type</c>, which equals the event name.</summary>
    private Utf8JsonWriter Begin(IBufferWriter<byte> output, ReadOnlySpan<byte> type)
    {
        output.Write("event: "u8);
        output.Write(type);
        output.Write("\ndata: "u8);
        var json = Json(output);
        json.WriteStartObject();
        json.WriteString("type"u8, type);
        return json;
    }

    private void End(IBufferWriter<byte> output)
    {
        _json!.WriteEndObject();
        _json.Flush();
        output.Write("\n\n"u8);
    }

    private Utf8JsonWriter Json(IBufferWriter<byte> output)
    {
        if (_json is null) _json = new Utf8JsonWriter(output, WireJson.WriterOptions);
        else _json.Reset(output);
        return _json;
    }
}
