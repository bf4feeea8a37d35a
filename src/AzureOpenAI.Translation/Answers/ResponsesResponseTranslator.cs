using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using AzureOpenAI.Translation.Anthropic;
using static AzureOpenAI.Translation.Answers.UpstreamJson;
using AzureOpenAI.Translation.Errors;
using AzureOpenAI.Translation.Mapping;

namespace AzureOpenAI.Translation.Answers;

/// <summary>
/// Non-streaming Responses <c>response</c> → Anthropic <c>Message</c> (PROTOCOL.md §4.2), block per output item in
/// order: <c>reasoning</c> → thinking (summary texts joined, the item carried in its signature by
/// <see cref="ReasoningSignature"/>), <c>message</c> → text per <c>output_text</c> part (a <c>refusal</c> part → text and
/// stop_reason refusal), <c>function_call</c> → tool_use (name mapped back, <c>call_id</c> through
/// <see cref="ToolCallIds"/>, arguments as in <see cref="ChatResponseTranslator"/>). <c>status</c> and
/// <c>incomplete_details</c> give the stop reason (<see cref="StopReasons.FromResponseStatus"/>); a <c>failed</c>
/// response or an error body throws the mapped error; a body without <c>output</c> is an <see cref="UnusableAnswerException"/>.
/// </summary>
internal static class ResponsesResponseTranslator
{
    internal const string SummarySeparator = "\n\n";


    public static TranslatedMessage ToMessagesResponse(ReadOnlySpan<byte> upstreamBody, string messageId, string requestedModel, ToolNameMap toolNames,
        string? reasoningIssuer = null)
    {
        ArgumentNullException.ThrowIfNull(toolNames);
        using var document = ParseObject(upstreamBody);
        var root = document.RootElement;
        var status = StringOf(root, "status"u8);
        var error = Property(root, "error"u8);
        if (status == "failed" || (error.ValueKind == JsonValueKind.Object && Property(root, "output"u8).ValueKind != JsonValueKind.Array))
            throw new AnthropicRequestException(ToError(error.ValueKind == JsonValueKind.Object ? error : root));
        if (Property(root, "output"u8).ValueKind != JsonValueKind.Array) throw new UnusableAnswerException("no output in the response");

        using var buffer = new PooledBufferWriter(upstreamBody.Length + 512);
        AnthropicUsage usage;
        using (var writer = new Utf8JsonWriter(buffer, WireJson.WriterOptions))
        {
            writer.WriteStartObject();
            MessageJson.WriteHead(writer, messageId, requestedModel);
            var (sawToolCall, sawRefusal) = WriteContent(writer, Property(root, "output"u8), toolNames, reasoningIssuer);
            var stopReason = StopReasons.FromResponseStatus(status, StringOf(Property(root, "incomplete_details"u8), "reason"u8), sawToolCall, sawRefusal);
            var usageJson = Property(root, "usage"u8);
            usage = usageJson.ValueKind == JsonValueKind.Object ? UsageMapper.Read(JsonMarshal.GetRawUtf8Value(usageJson)) : default;
            MessageJson.WriteTail(writer, stopReason, usage);
            writer.WriteEndObject();
        }
        return new TranslatedMessage(buffer.WrittenSpan.ToArray(), usage.ToMessageUsage());
    }

    /// <summary>The thinking signature for a reasoning item: its encrypted content when present, else the placeholder.</summary>
    internal static string SignatureOf(string? itemId, string? encryptedContent, string? issuer) =>
        !string.IsNullOrEmpty(itemId) && !string.IsNullOrEmpty(encryptedContent)
            ? ReasoningSignature.Encode(itemId, encryptedContent, issuer)
            : ThinkingSignature.Placeholder;

    /// <summary>A Responses error object (<c>{code, message}</c>, from <c>response.error</c> or an <c>error</c> event) as an Anthropic error.</summary>
    internal static AnthropicError ToError(JsonElement error) => UpstreamErrorMapper.MapPayload(JsonMarshal.GetRawUtf8Value(error));

    private static (bool SawToolCall, bool SawRefusal) WriteContent(Utf8JsonWriter writer, JsonElement output, ToolNameMap toolNames,
        string? reasoningIssuer)
    {
        writer.WriteStartArray("content"u8);
        bool sawToolCall = false, sawRefusal = false;
        if (output.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in output.EnumerateArray())
            {
                switch (StringOf(item, "type"u8))
                {
                    case "reasoning":
                        WriteThinking(writer, item, reasoningIssuer);
                        break;
                    case "message":
                        sawRefusal |= WriteMessage(writer, item);
                        break;
                    case "function_call":
                        WriteToolUse(writer, item, toolNames);
                        sawToolCall = true;
                        break;
                }
            }
        }
        writer.WriteEndArray();
        return (sawToolCall, sawRefusal);
    }

    private static void WriteThinking(Utf8JsonWriter writer, JsonElement item, string? reasoningIssuer)
    {
        var summary = Property(item, "summary"u8);
        var texts = summary.ValueKind == JsonValueKind.Array
            ? summary.EnumerateArray().Select(part => StringOf(part, "text"u8)).Where(text => !string.IsNullOrEmpty(text)).ToList()
            : [];
        var encrypted = StringOf(item, "encrypted_content"u8);
        if (texts.Count == 0 && string.IsNullOrEmpty(encrypted)) return; // nothing to show, nothing to carry
        writer.WriteStartObject();
        writer.WriteString("type"u8, "thinking"u8);
        writer.WriteString("thinking"u8, string.Join(SummarySeparator, texts));
        writer.WriteString("signature"u8, SignatureOf(StringOf(item, "id"u8), encrypted, reasoningIssuer));
        writer.WriteEndObject();
    }

    /// <summary>Writes the message's text parts; true when it holds a refusal.</summary>
    private static bool WriteMessage(Utf8JsonWriter writer, JsonElement item)
    {
        var refused = false;
        var content = Property(item, "content"u8);
        if (content.ValueKind != JsonValueKind.Array) return false;
        foreach (var part in content.EnumerateArray())
        {
            var type = StringOf(part, "type"u8);
            var text = type == "refusal" ? StringOf(part, "refusal"u8) : type == "output_text" ? StringOf(part, "text"u8) : null;
            refused |= type == "refusal";
            if (!string.IsNullOrEmpty(text)) ChatResponseTranslator.WriteTextBlock(writer, text);
        }
        return refused;
    }

    private static void WriteToolUse(Utf8JsonWriter writer, JsonElement item, ToolNameMap toolNames)
    {
        writer.WriteStartObject();
        var name = StringOf(item, "name"u8);
        MessageJson.WriteToolUseHead(writer, ToolCallIds.ToAnthropic(StringOf(item, "call_id"u8)),
            string.IsNullOrEmpty(name) ? "unknown_tool" : toolNames.ToAnthropic(name));
        writer.WritePropertyName("input"u8);
        ChatResponseTranslator.WriteInput(writer, Property(item, "arguments"u8));
        writer.WriteEndObject();
    }
}
