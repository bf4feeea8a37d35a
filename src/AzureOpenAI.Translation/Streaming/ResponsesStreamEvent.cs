using System.Text.Json;
using AzureOpenAI.Translation.Mapping;
using static AzureOpenAI.Translation.Streaming.JsonSpans;
using AzureOpenAI.Translation.Anthropic;
using AzureOpenAI.Translation.Answers;

namespace AzureOpenAI.Translation.Streaming;

/// <summary>
/// The Responses stream events the translator acts on; every other <c>response.*</c> type is <see cref="Other"/>,
/// and an event that is no Responses event at all (no <c>type</c>, or another API's) is <see cref="Foreign"/>.
/// </summary>
internal enum ResponsesEventType
{
    Foreign,
    Other,
    OutputTextDelta,
    RefusalDelta,
    ArgumentsDelta,
    SummaryTextDelta,
    SummaryPartAdded,
    OutputItemAdded,
    OutputItemDone,
    Completed,
    Incomplete,
    Failed,
    Error,
}

internal enum ResponsesItemType { Other, FunctionCall, Reasoning }

/// <summary>The fields of an output <c>item</c> the translator uses, as spans into the payload.</summary>
internal ref struct ResponsesItem
{
    public ResponsesItemType Type;
    public ReadOnlySpan<byte> Id;
    public ReadOnlySpan<byte> CallId;
    public ReadOnlySpan<byte> Name;
    public ReadOnlySpan<byte> EncryptedContent;

    /// <summary>A function call's whole arguments as a JSON string literal; empty when absent or "".</summary>
    public ReadOnlySpan<byte> Arguments;
}

/// <summary>The fields of a terminal event's <c>response</c>.</summary>
internal ref struct ResponsesOutcome
{
    public ReadOnlySpan<byte> Status;
    public ReadOnlySpan<byte> IncompleteReason;
    public AnthropicUsage? Usage;

    /// <summary>The raw <c>response.error</c> object; empty when absent.</summary>
    public ReadOnlySpan<byte> Error;
}

/// <summary>
/// One Responses stream payload, read in a single forward pass with <see cref="Utf8JsonReader"/> (PROTOCOL.md §4.3).
/// Fields are collected whatever their order, strings as spans into the payload, so nothing is allocated per event;
/// the <c>type</c> decides afterwards which of them count.
/// </summary>
internal ref struct ResponsesStreamEvent
{
    public ResponsesEventType Type;
    public ReadOnlySpan<byte> ItemId;

    /// <summary>The <c>delta</c> as its JSON string literal (quotes and escapes included); empty when absent or "".</summary>
    public ReadOnlySpan<byte> Delta;

    public int SummaryIndex;
    public ResponsesItem Item;
    public ResponsesOutcome Response;

    /// <exception cref="JsonException">The payload is not a JSON object.</exception>
    public static ResponsesStreamEvent Read(ReadOnlySpan<byte> data)
    {
        var reader = new Utf8JsonReader(data);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new JsonException("A stream event must be a JSON object.");
        var e = new ResponsesStreamEvent();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8)) e.Type = ReadType(ref reader);
            else if (reader.ValueTextEquals("delta"u8)) e.Delta = ReadNonEmptyString(ref reader) ? Literal(ref reader, data) : default;
            else if (reader.ValueTextEquals("item_id"u8)) e.ItemId = ReadUtf8Value(ref reader, data);
            else if (reader.ValueTextEquals("summary_index"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out e.SummaryIndex)) reader.Skip();
            }
            else if (reader.ValueTextEquals("item"u8)) e.Item = ReadItem(ref reader, data);
            else if (reader.ValueTextEquals("response"u8)) e.Response = ReadOutcome(ref reader, data);
            else reader.Skip();
        }
        return e;
    }

    private static ResponsesEventType ReadType(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return ResponsesEventType.Foreign;
        }
        // Most frequent first: one event per text or argument fragment.
        if (reader.ValueTextEquals("response.output_text.delta"u8)) return ResponsesEventType.OutputTextDelta;
        if (reader.ValueTextEquals("response.function_call_arguments.delta"u8)) return ResponsesEventType.ArgumentsDelta;
        if (reader.ValueTextEquals("response.reasoning_summary_text.delta"u8)) return ResponsesEventType.SummaryTextDelta;
        if (reader.ValueTextEquals("response.refusal.delta"u8)) return ResponsesEventType.RefusalDelta;
        if (reader.ValueTextEquals("response.reasoning_summary_part.added"u8)) return ResponsesEventType.SummaryPartAdded;
        if (reader.ValueTextEquals("response.output_item.added"u8)) return ResponsesEventType.OutputItemAdded;
        if (reader.ValueTextEquals("response.output_item.done"u8)) return ResponsesEventType.OutputItemDone;
        if (reader.ValueTextEquals("response.completed"u8)) return ResponsesEventType.Completed;
        if (reader.ValueTextEquals("response.incomplete"u8)) return ResponsesEventType.Incomplete;
        if (reader.ValueTextEquals("response.failed"u8)) return ResponsesEventType.Failed;
        if (reader.ValueTextEquals("error"u8)) return ResponsesEventType.Error;
        return !reader.ValueIsEscaped && reader.ValueSpan.StartsWith("response."u8) ? ResponsesEventType.Other : ResponsesEventType.Foreign;
    }

    private static ResponsesItem ReadItem(scoped ref Utf8JsonReader reader, ReadOnlySpan<byte> data)
    {
        var item = new ResponsesItem();
        if (!EnterObject(ref reader)) return item;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                item.Type = reader.TokenType != JsonTokenType.String ? ResponsesItemType.Other
                    : reader.ValueTextEquals("function_call"u8) ? ResponsesItemType.FunctionCall
                    : reader.ValueTextEquals("reasoning"u8) ? ResponsesItemType.Reasoning
                    : ResponsesItemType.Other;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("id"u8)) item.Id = ReadUtf8Value(ref reader, data);
            else if (reader.ValueTextEquals("call_id"u8)) item.CallId = ReadUtf8Value(ref reader, data);
            else if (reader.ValueTextEquals("name"u8)) item.Name = ReadUtf8Value(ref reader, data);
            else if (reader.ValueTextEquals("encrypted_content"u8)) item.EncryptedContent = ReadUtf8Value(ref reader, data);
            else if (reader.ValueTextEquals("arguments"u8)) item.Arguments = ReadNonEmptyString(ref reader) ? Literal(ref reader, data) : default;
            else reader.Skip();
        }
        return item;
    }

    /// <summary>Reads <c>status</c>, <c>incomplete_details.reason</c>, <c>usage</c> and <c>error</c>; the <c>output</c> array is skipped.</summary>
    private static ResponsesOutcome ReadOutcome(scoped ref Utf8JsonReader reader, ReadOnlySpan<byte> data)
    {
        var outcome = new ResponsesOutcome();
        if (!EnterObject(ref reader)) return outcome;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("status"u8)) outcome.Status = ReadUtf8Value(ref reader, data);
            else if (reader.ValueTextEquals("usage"u8))
            {
                if (EnterObject(ref reader)) outcome.Usage = UsageMapper.Read(ref reader);
            }
            else if (reader.ValueTextEquals("error"u8)) outcome.Error = ReadObject(ref reader, data);
            else if (reader.ValueTextEquals("incomplete_details"u8))
            {
                if (!EnterObject(ref reader)) continue;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("reason"u8)) outcome.IncompleteReason = ReadUtf8Value(ref reader, data);
                    else reader.Skip();
                }
            }
            else reader.Skip();
        }
        return outcome;
    }

    /// <summary>Moves to the property's value; true when it is an object (left on its start), else skips it.</summary>
    private static bool EnterObject(scoped ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.StartObject) return true;
        reader.Skip();
        return false;
    }
}
