using System.Buffers;
using System.Text;
using System.Text.Json;
using AzureOpenAI.Translation.Anthropic;
using AzureOpenAI.Translation.Mapping;
using AzureOpenAI.Translation.Answers;
using AzureOpenAI.Translation.Errors;

namespace AzureOpenAI.Translation.Streaming;

/// <summary>
/// Responses API SSE → Anthropic SSE, one upstream <c>data:</c> payload at a time (PROTOCOL.md §4.3). Each payload
/// names its event in <c>type</c>, so the <c>event:</c> line is not needed. Same contract as
/// <see cref="ChatStreamTranslator"/>: synchronous, I/O-free, every event written through <see cref="Message"/>.
/// <code>
///  response.output_item.added  function_call ─▶ tool_use block (id from call_id, name mapped back)
///  response.function_call_arguments.delta    ─▶ input_json_delta, live
///  response.reasoning_summary_text.delta     ─▶ thinking block, thinking_delta ("\n\n" between summary parts)
///  response.output_item.done   reasoning     ─▶ signature_delta carrying the encrypted reasoning, content_block_stop
///  response.output_text.delta / refusal.delta ─▶ text block, text_delta (a refusal makes stop_reason refusal)
///  response.output_item.done   other         ─▶ content_block_stop
///  response.completed / incomplete           ─▶ message_delta (status, incomplete_details, usage) + message_stop
///  response.failed / error                   ─▶ event: error (mapped), finished
///  EOF before one of those                   ─▶ event: error (the answer was cut short; [DONE] is not an end)
/// </code>
/// Everything else (created, in_progress, part added/done, text done, annotations, queued, tool-specific events) is
/// ignored. The service streams one output item at a time, so one block is open at a time.
/// </summary>
internal sealed class ResponsesStreamTranslator(string messageId, string requestedModel, ToolNameMap toolNames, int inputTokensEstimate,
    string? reasoningIssuer = null)
    : IAnthropicStreamTranslator
{
    private static readonly byte[] SummaryPartSeparator = "\"\\n\\n\""u8.ToArray();

    /// <summary>The output item whose text or thinking block is open: a new item opens a new block.</summary>
    private byte[] _openItemId = [];
    private bool _openCallHasArguments;
    private bool _sawRefusal;

    public AnthropicMessageStream Message { get; } = new(messageId, requestedModel, inputTokensEstimate);

    public void Process(ReadOnlySpan<byte> data, IBufferWriter<byte> output)
    {
        if (Message.IsFinished) return;
        data = data.Trim(" \t\r\n"u8);
        if (data.IsEmpty || data.SequenceEqual("[DONE]"u8)) return; // only a terminal event ends the answer

        ResponsesStreamEvent e;
        try
        {
            e = ResponsesStreamEvent.Read(data);
        }
        catch (JsonException)
        {
            Message.Fail(output, new AnthropicError(AnthropicErrorType.Api, "The upstream sent a malformed stream event."));
            return;
        }
        // Another API's events (a misrouted stream) carry no answer: they start nothing, so such a stream ends as unusable.
        if (e.Type == ResponsesEventType.Foreign) return;
        Message.Start(output);
        Handle(ref e, data, output);
    }

    public void EndOfStream(IBufferWriter<byte> output) => Message.FailEndedEarly(output);

    private void Handle(ref ResponsesStreamEvent e, ReadOnlySpan<byte> data, IBufferWriter<byte> output)
    {
        switch (e.Type)
        {
            case ResponsesEventType.OutputTextDelta or ResponsesEventType.RefusalDelta when !e.Delta.IsEmpty:
                _sawRefusal |= e.Type == ResponsesEventType.RefusalDelta;
                Open(AnthropicBlockKind.Text, e.ItemId, output);
                Message.TextDelta(output, e.Delta);
                break;
            case ResponsesEventType.ArgumentsDelta when Message.OpenBlock == AnthropicBlockKind.ToolUse && !e.Delta.IsEmpty:
                Message.InputJsonDelta(output, e.Delta);
                _openCallHasArguments = true;
                break;
            case ResponsesEventType.SummaryTextDelta when !e.Delta.IsEmpty:
                Open(AnthropicBlockKind.Thinking, e.ItemId, output);
                Message.ThinkingDelta(output, e.Delta);
                break;
            case ResponsesEventType.SummaryPartAdded when Message.OpenBlock == AnthropicBlockKind.Thinking && e.SummaryIndex > 0:
                Message.ThinkingDelta(output, SummaryPartSeparator);
                break;
            case ResponsesEventType.OutputItemAdded:
                ItemAdded(ref e.Item, output);
                break;
            case ResponsesEventType.OutputItemDone:
                ItemDone(ref e.Item, output);
                break;
            case ResponsesEventType.Completed or ResponsesEventType.Incomplete:
                if (e.Response.Usage is { } usage) Message.ReportUsage(usage);
                Message.Finish(output, StopReasons.FromResponseStatus(Encoding.UTF8.GetString(e.Response.Status),
                    Encoding.UTF8.GetString(e.Response.IncompleteReason), Message.HasToolUse, _sawRefusal));
                break;
            case ResponsesEventType.Failed:
                Message.Fail(output, e.Response.Error.IsEmpty ? new AnthropicError(AnthropicErrorType.Api, "The upstream response failed.")
                    : UpstreamErrorMapper.MapPayload(e.Response.Error));
                break;
            case ResponsesEventType.Error:
                Message.Fail(output, UpstreamErrorMapper.MapPayload(data));
                break;
        }
    }

    /// <summary>A function call opens its tool_use block at once: its id and name come only here.</summary>
    private void ItemAdded(ref ResponsesItem item, IBufferWriter<byte> output)
    {
        if (item.Type != ResponsesItemType.FunctionCall) return;
        var name = Encoding.UTF8.GetString(item.Name);
        Message.StartToolUse(output, ToolCallIds.ToAnthropic(Encoding.UTF8.GetString(item.CallId)),
            name.Length == 0 ? "unknown_tool" : toolNames.ToAnthropic(name));
        _openItemId = item.Id.ToArray();
        _openCallHasArguments = false;
    }

    /// <summary>
    /// Closes the item's block. A reasoning item's final form carries <c>encrypted_content</c>, sent as the thinking
    /// block's signature (a block is opened for it even without summary text, so the reasoning still round-trips); a
    /// function call whose arguments never streamed gets them whole.
    /// </summary>
    private void ItemDone(ref ResponsesItem item, IBufferWriter<byte> output)
    {
        switch (item.Type)
        {
            case ResponsesItemType.Reasoning:
                var isOpen = Message.OpenBlock == AnthropicBlockKind.Thinking && item.Id.SequenceEqual(_openItemId);
                if (!isOpen && item.EncryptedContent.IsEmpty) return;
                if (!isOpen) Open(AnthropicBlockKind.Thinking, item.Id, output);
                Message.CloseBlock(output, ResponsesResponseTranslator.SignatureOf(
                    Encoding.UTF8.GetString(item.Id), Encoding.UTF8.GetString(item.EncryptedContent), reasoningIssuer));
                break;
            case ResponsesItemType.FunctionCall:
                if (Message.OpenBlock == AnthropicBlockKind.ToolUse && !_openCallHasArguments && !item.Arguments.IsEmpty)
                    Message.InputJsonDelta(output, item.Arguments);
                Message.CloseBlock(output);
                break;
            default:
                Message.CloseBlock(output);
                break;
        }
    }

    /// <summary>Keeps the open block when it is this item's block of this kind; otherwise starts a new one.</summary>
    private void Open(AnthropicBlockKind kind, ReadOnlySpan<byte> itemId, IBufferWriter<byte> output)
    {
        if (Message.OpenBlock == kind && itemId.SequenceEqual(_openItemId)) return;
        if (kind == AnthropicBlockKind.Thinking) Message.StartThinking(output);
        else Message.StartText(output);
        _openItemId = itemId.ToArray();
    }
}
