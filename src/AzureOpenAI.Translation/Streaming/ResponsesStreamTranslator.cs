using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using AzureOpenAI.Translation.Anthropic;
using AzureOpenAI.Translation.Mapping;
using static AzureOpenAI.Translation.Mapping.UpstreamJson;

namespace AzureOpenAI.Translation.Streaming;

/// <summary>
/// Responses API SSE → Anthropic SSE, one upstream <c>data:</c> payload at a time (PROTOCOL.md §4.3). Each payload
/// names its event in <c>type</c>, so the <c>event:</c> line is not needed. Same contract as
/// <see cref="ChatStreamTranslator"/>: synchronous, I/O-free, output written to the caller's buffer.
/// <code>
///  response.output_item.added  function_call ─▶ tool_use block (id from call_id, name mapped back)
///  response.function_call_arguments.delta    ─▶ input_json_delta, live
///  response.reasoning_summary_text.delta     ─▶ thinking block, thinking_delta ("\n\n" between summary parts)
///  response.output_item.done   reasoning     ─▶ signature_delta carrying the encrypted reasoning, content_block_stop
///  response.output_text.delta / refusal.delta ─▶ text block, text_delta (a refusal makes stop_reason refusal)
///  response.output_item.done   other         ─▶ content_block_stop
///  response.completed / incomplete           ─▶ message_delta (status, incomplete_details, usage) + message_stop
///  response.failed / error                   ─▶ event: error (mapped), finished
/// </code>
/// Everything else (created, in_progress, part added/done, text done, annotations, queued, tool-specific events) is
/// ignored. The service streams one output item at a time, so one block is open at a time.
/// </summary>
public sealed class ResponsesStreamTranslator(string messageId, string requestedModel, ToolNameMap toolNames, int inputTokensEstimate)
    : IAnthropicStreamTranslator
{
    private static readonly byte[] SummaryPartSeparator = "\"\\n\\n\""u8.ToArray();

    private readonly AnthropicSseWriter _sse = new();

    private BlockKind _openBlock;
    private int _openIndex = -1;
    private string? _openItemId;
    private bool _openCallHasArguments;
    private bool _sawToolCall;
    private bool _sawRefusal;
    private AnthropicUsage? _usage;

    private enum BlockKind { None, Text, Thinking, ToolUse }

    public bool HasStarted { get; private set; }

    public bool IsFinished { get; private set; }

    public (int InputTokens, int OutputTokens) Usage => (FinalUsage.InputTokens, FinalUsage.OutputTokens);

    public string? StopReason { get; private set; }

    private AnthropicUsage FinalUsage => _usage ?? new AnthropicUsage(inputTokensEstimate, 0, 0, 0);

    public void Process(ReadOnlySpan<byte> data, IBufferWriter<byte> output)
    {
        if (IsFinished) return;
        data = data.Trim(" \t\r\n"u8);
        if (data.IsEmpty || data.SequenceEqual("[DONE]"u8)) return; // the terminal event ends the stream, not [DONE]

        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(data);
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException)
        {
            Fail(new AnthropicError(AnthropicErrorType.Api, "The upstream sent a malformed stream event."), output);
            return;
        }
        using (document)
        {
            var payload = document.RootElement;
            if (payload.ValueKind != JsonValueKind.Object)
            {
                Fail(new AnthropicError(AnthropicErrorType.Api, "The upstream sent a malformed stream event."), output);
                return;
            }
            EnsureStarted(output);
            Handle(StringOf(payload, "type"u8), payload, output);
        }
    }

    public void Complete(IBufferWriter<byte> output) => Finish(null, null, output);

    public void Fail(AnthropicError error, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (IsFinished) return;
        _sse.Error(output, error);
        IsFinished = true;
    }

    private void Handle(string? type, JsonElement payload, IBufferWriter<byte> output)
    {
        switch (type)
        {
            case "response.output_item.added":
                ItemAdded(Property(payload, "item"u8), output);
                break;
            case "response.reasoning_summary_part.added":
                if (_openBlock == BlockKind.Thinking && Property(payload, "summary_index"u8) is { ValueKind: JsonValueKind.Number } index && index.GetInt32() > 0)
                    _sse.ThinkingDelta(output, _openIndex, SummaryPartSeparator);
                break;
            case "response.reasoning_summary_text.delta":
                if (NonEmptyLiteral(payload) is { } thinking)
                {
                    Open(BlockKind.Thinking, ItemId(payload), output);
                    _sse.ThinkingDelta(output, _openIndex, thinking);
                }
                break;
            case "response.output_text.delta" or "response.refusal.delta":
                if (NonEmptyLiteral(payload) is { } text)
                {
                    _sawRefusal |= type == "response.refusal.delta";
                    Open(BlockKind.Text, ItemId(payload), output);
                    _sse.TextDelta(output, _openIndex, text);
                }
                break;
            case "response.function_call_arguments.delta":
                if (_openBlock == BlockKind.ToolUse && NonEmptyLiteral(payload) is { } arguments)
                {
                    _sse.InputJsonDelta(output, _openIndex, arguments);
                    _openCallHasArguments = true;
                }
                break;
            case "response.output_item.done":
                ItemDone(Property(payload, "item"u8), output);
                break;
            case "response.completed" or "response.incomplete":
                var response = Property(payload, "response"u8);
                ReadUsage(response);
                Finish(StringOf(response, "status"u8),
                    StringOf(Property(response, "incomplete_details"u8), "reason"u8), output);
                break;
            case "response.failed":
                var failed = Property(payload, "response"u8);
                var error = Property(failed, "error"u8);
                Fail(error.ValueKind == JsonValueKind.Object ? ResponsesResponseTranslator.ToError(error)
                    : new AnthropicError(AnthropicErrorType.Api, "The upstream response failed."), output);
                break;
            case "error":
                Fail(ResponsesResponseTranslator.ToError(payload), output);
                break;
        }
    }

    /// <summary>A function call opens its tool_use block at once: its id and name come only here.</summary>
    private void ItemAdded(JsonElement item, IBufferWriter<byte> output)
    {
        if (StringOf(item, "type"u8) != "function_call") return;
        Open(BlockKind.ToolUse, StringOf(item, "id"u8), output);
        _sawToolCall = true;
        _openCallHasArguments = false;
        var name = StringOf(item, "name"u8);
        _sse.ToolUseBlockStart(output, _openIndex, ToolCallIds.ToAnthropic(StringOf(item, "call_id"u8)),
            string.IsNullOrEmpty(name) ? "unknown_tool" : toolNames.ToAnthropic(name));
    }

    /// <summary>
    /// Closes the item's block. A reasoning item's final form carries <c>encrypted_content</c>, sent as the thinking
    /// block's signature (a block is opened for it even without summary text, so the reasoning still round-trips); a
    /// function call whose arguments never streamed gets them whole.
    /// </summary>
    private void ItemDone(JsonElement item, IBufferWriter<byte> output)
    {
        var id = StringOf(item, "id"u8);
        switch (StringOf(item, "type"u8))
        {
            case "reasoning":
                var encrypted = StringOf(item, "encrypted_content"u8);
                var isOpen = _openBlock == BlockKind.Thinking && _openItemId == id;
                if (!isOpen && string.IsNullOrEmpty(encrypted)) return;
                if (!isOpen) Open(BlockKind.Thinking, id, output);
                _sse.SignatureDelta(output, _openIndex, ResponsesResponseTranslator.SignatureOf(id, encrypted));
                _sse.BlockStop(output, _openIndex);
                _openBlock = BlockKind.None;
                break;
            case "function_call":
                if (_openBlock == BlockKind.ToolUse && !_openCallHasArguments
                    && Property(item, "arguments"u8) is { ValueKind: JsonValueKind.String } arguments && arguments.GetString()!.Length > 0)
                    _sse.InputJsonDelta(output, _openIndex, JsonMarshal.GetRawUtf8Value(arguments));
                CloseOpenBlock(output);
                break;
            default:
                CloseOpenBlock(output);
                break;
        }
    }

    private void Finish(string? status, string? incompleteReason, IBufferWriter<byte> output)
    {
        if (IsFinished) return;
        EnsureStarted(output);
        CloseOpenBlock(output);
        StopReason = StopReasons.FromResponseStatus(status, incompleteReason, _sawToolCall, _sawRefusal);
        _sse.MessageDelta(output, StopReason, FinalUsage);
        _sse.MessageStop(output);
        IsFinished = true;
    }

    private void ReadUsage(JsonElement response)
    {
        var usage = Property(response, "usage"u8);
        if (usage.ValueKind == JsonValueKind.Object) _usage = UsageMapper.Read(JsonMarshal.GetRawUtf8Value(usage));
    }

    private void EnsureStarted(IBufferWriter<byte> output)
    {
        if (HasStarted) return;
        _sse.MessageStart(output, messageId, requestedModel, inputTokensEstimate);
        HasStarted = true;
    }

    /// <summary>Keeps the open block when it is this item's block of this kind; otherwise closes it and starts a new one.</summary>
    private void Open(BlockKind kind, string? itemId, IBufferWriter<byte> output)
    {
        if (_openBlock == kind && _openItemId == itemId) return;
        CloseOpenBlock(output);
        _openBlock = kind;
        _openItemId = itemId;
        _openIndex++;
        if (kind == BlockKind.Text) _sse.TextBlockStart(output, _openIndex);
        else if (kind == BlockKind.Thinking) _sse.ThinkingBlockStart(output, _openIndex);
    }

    /// <summary>A thinking block closed before its item is done (it never is, unless the stream breaks) still gets a signature.</summary>
    private void CloseOpenBlock(IBufferWriter<byte> output)
    {
        if (_openBlock == BlockKind.None) return;
        if (_openBlock == BlockKind.Thinking) _sse.SignatureDelta(output, _openIndex, ThinkingSignature.Placeholder);
        _sse.BlockStop(output, _openIndex);
        _openBlock = BlockKind.None;
    }

    private static string? ItemId(JsonElement payload) => StringOf(payload, "item_id"u8);

    /// <summary>The <c>delta</c> as its JSON string literal (quotes and escapes included), or null when empty.</summary>
    private static byte[]? NonEmptyLiteral(JsonElement payload) =>
        Property(payload, "delta"u8) is { ValueKind: JsonValueKind.String } delta && delta.GetString()!.Length > 0
            ? JsonMarshal.GetRawUtf8Value(delta).ToArray()
            : null;
}
