using System.Buffers;
using System.Text.Json;
using AzureOpenAI.Translation.Mapping;
using static AzureOpenAI.Translation.Streaming.JsonSpans;
using AzureOpenAI.Translation.Answers;

namespace AzureOpenAI.Translation.Streaming;

// Reading one chat.completion.chunk: a single forward pass with Utf8JsonReader, acting on fields as they are read.
// Strings are handed on as the JSON literal sliced from the payload, so text is never unescaped or copied.
internal sealed partial class ChatStreamTranslator
{
    /// <summary>Reads one chunk and writes its events; returns true when the chunk reports an error.</summary>
    /// <param name="isChatChunk">True when the object has <c>choices</c> or <c>usage</c>, i.e. is a chat completion chunk at all.</param>
    private bool ReadChunk(ReadOnlySpan<byte> data, IBufferWriter<byte> output, out bool isChatChunk)
    {
        var reader = new Utf8JsonReader(data);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new JsonException("A chunk must be a JSON object.");

        var isError = false;
        isChatChunk = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("choices"u8))
            {
                isChatChunk = true;
                isError |= ReadChoices(ref reader, data, output);
            }
            else if (reader.ValueTextEquals("usage"u8))
            {
                isChatChunk = true;
                ReadUsage(ref reader);
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                isError |= reader.TokenType != JsonTokenType.Null;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("object"u8))
            {
                reader.Read();
                isError |= reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("error"u8);
                reader.Skip();
            }
            else reader.Skip();
        }
        return isError;
    }

    /// <summary>
    /// Only the first choice is translated (the request asks for one). Empty <c>choices</c> (Azure's prompt-filter
    /// chunk, the usage chunk, asynchronous content-filter chunks) and choices without a delta produce nothing.
    /// </summary>
    private bool ReadChoices(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, IBufferWriter<byte> output)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return false;
        }
        var isError = false;
        var first = true;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (first && reader.TokenType == JsonTokenType.StartObject) isError = ReadChoice(ref reader, data, output);
            else reader.Skip();
            first = false;
        }
        return isError;
    }

    private bool ReadChoice(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, IBufferWriter<byte> output)
    {
        var isError = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("delta"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject) ReadDelta(ref reader, data, output);
                else reader.Skip();
            }
            else if (reader.ValueTextEquals("finish_reason"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                {
                    reader.Skip();
                    continue;
                }
                // OpenRouter ends a failed generation with finish_reason "error" (plus an error object).
                if (reader.ValueTextEquals("error"u8)) isError = true;
                else _finishStopReason = StopReasons.FromFinishReason(reader.GetString());
            }
            else reader.Skip();
        }
        return isError;
    }

    private void ReadDelta(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, IBufferWriter<byte> output)
    {
        // Some servers send the same reasoning under both names (vLLM while renaming reasoning_content to reasoning).
        var reasoningWritten = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("content"u8))
            {
                if (ReadNonEmptyString(ref reader)) WriteText(Literal(ref reader, data), output);
            }
            else if (reader.ValueTextEquals("reasoning_content"u8) || reader.ValueTextEquals("reasoning"u8))
            {
                if (ReadNonEmptyString(ref reader) && !reasoningWritten)
                {
                    WriteThinking(Literal(ref reader, data), output);
                    reasoningWritten = true;
                }
            }
            else if (reader.ValueTextEquals("refusal"u8))
            {
                if (!ReadNonEmptyString(ref reader)) continue;
                _sawRefusal = true;
                WriteText(Literal(ref reader, data), output);
            }
            else if (reader.ValueTextEquals("tool_calls"u8)) ReadToolCalls(ref reader, data, output);
            else if (reader.ValueTextEquals("function_call"u8)) ReadLegacyFunctionCall(ref reader, data, output);
            else reader.Skip();
        }
    }

    private void ReadUsage(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.StartObject) Message.ReportUsage(UsageMapper.Read(ref reader));
        else reader.Skip();
    }
}
