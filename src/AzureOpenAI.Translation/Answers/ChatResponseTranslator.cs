using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using AzureOpenAI.Translation.Anthropic;
using static AzureOpenAI.Translation.Answers.UpstreamJson;
using AzureOpenAI.Translation.Errors;
using AzureOpenAI.Translation.Mapping;

namespace AzureOpenAI.Translation.Answers;

/// <summary>
/// Non-streaming Chat Completions response → Anthropic <c>Message</c> (PROTOCOL.md §5.2). Blocks come in Anthropic's
/// order: thinking (<c>reasoning_content</c> or <c>reasoning</c>), text, the refusal as text, then one <c>tool_use</c>
/// per tool call. Tool arguments that are not a JSON object cannot be an Anthropic <c>input</c>; they are kept as
/// <c>{"_raw": "…"}</c> so that Claude Code's schema validation reports the bad call to the model, which can retry,
/// instead of the whole turn failing here.
/// </summary>
internal static class ChatResponseTranslator
{

    /// <summary>
    /// Returns the Anthropic message JSON (UTF-8), with id <paramref name="messageId"/> and the requested model echoed.
    /// Throws <see cref="AnthropicRequestException"/> carrying the mapped error when the body is an error payload sent
    /// with status 200, and <see cref="UnusableAnswerException"/> when it is not a chat completion with a choice.
    /// </summary>
    public static TranslatedMessage ToMessagesResponse(ReadOnlySpan<byte> upstreamBody, string messageId, string requestedModel, ToolNameMap toolNames)
    {
        ArgumentNullException.ThrowIfNull(toolNames);
        using var document = ParseObject(upstreamBody);
        var root = document.RootElement;
        var choice = FirstChoice(root);
        if (choice.ValueKind != JsonValueKind.Object && (root.TryGetProperty("error"u8, out _) || IsString(root, "object"u8, "error")))
            throw new AnthropicRequestException(UpstreamErrorMapper.MapPayload(upstreamBody));
        if (choice.ValueKind != JsonValueKind.Object) throw new UnusableAnswerException("no choices in the chat completion");

        using var buffer = new PooledBufferWriter(upstreamBody.Length + 512);
        AnthropicUsage usage;
        using (var writer = new Utf8JsonWriter(buffer, WireJson.WriterOptions))
        {
            writer.WriteStartObject();
            MessageJson.WriteHead(writer, messageId, requestedModel);
            var (sawToolCall, sawRefusal) = WriteContent(writer, Property(choice, "message"u8), toolNames);
            var finishReason = Property(choice, "finish_reason"u8);
            var stopReason = StopReasons.Resolve(
                StopReasons.FromFinishReason(finishReason.ValueKind == JsonValueKind.String ? finishReason.GetString() : null),
                sawToolCall, sawRefusal);
            var usageJson = Property(root, "usage"u8);
            usage = usageJson.ValueKind == JsonValueKind.Object ? UsageMapper.Read(JsonMarshal.GetRawUtf8Value(usageJson)) : default;
            MessageJson.WriteTail(writer, stopReason, usage);
            writer.WriteEndObject();
        }
        return new TranslatedMessage(buffer.WrittenSpan.ToArray(), usage.ToMessageUsage());
    }

    private static JsonElement FirstChoice(JsonElement root)
    {
        var choices = Property(root, "choices"u8);
        return choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0 ? choices[0] : default;
    }

    private static (bool SawToolCall, bool SawRefusal) WriteContent(Utf8JsonWriter writer, JsonElement message, ToolNameMap toolNames)
    {
        writer.WriteStartArray("content"u8);
        var reasoning = NonEmptyString(message, "reasoning_content"u8) ?? NonEmptyString(message, "reasoning"u8);
        if (reasoning is not null)
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, "thinking"u8);
            writer.WriteString("thinking"u8, reasoning);
            writer.WriteString("signature"u8, ThinkingSignature.Placeholder);
            writer.WriteEndObject();
        }
        WriteText(writer, Property(message, "content"u8));
        var refusal = NonEmptyString(message, "refusal"u8);
        if (refusal is not null) WriteTextBlock(writer, refusal);

        var sawToolCall = false;
        var toolCalls = Property(message, "tool_calls"u8);
        if (toolCalls.ValueKind == JsonValueKind.Array)
        {
            foreach (var call in toolCalls.EnumerateArray())
            {
                var id = NonEmptyString(call, "id"u8);
                WriteToolUse(writer, ToolCallIds.ToAnthropic(id), Property(call, "function"u8), toolNames);
                sawToolCall = true;
            }
        }
        var legacyCall = Property(message, "function_call"u8);
        if (legacyCall.ValueKind == JsonValueKind.Object)
        {
            WriteToolUse(writer, ToolCallIds.NewAnthropicId(), legacyCall, toolNames);
            sawToolCall = true;
        }
        writer.WriteEndArray();
        return (sawToolCall, refusal is not null);
    }

    /// <summary><c>content</c> is a string, or (some compatible servers) an array of text parts.</summary>
    private static void WriteText(Utf8JsonWriter writer, JsonElement content)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            var text = content.GetString();
            if (!string.IsNullOrEmpty(text)) WriteTextBlock(writer, text);
        }
        else if (content.ValueKind == JsonValueKind.Array)
        {
            foreach (var part in content.EnumerateArray())
                if (IsString(part, "type"u8, "text") && NonEmptyString(part, "text"u8) is { } text) WriteTextBlock(writer, text);
        }
    }

    internal static void WriteTextBlock(Utf8JsonWriter writer, string text)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, "text"u8);
        writer.WriteString("text"u8, text);
        writer.WriteNull("citations"u8);
        writer.WriteEndObject();
    }

    private static void WriteToolUse(Utf8JsonWriter writer, string id, JsonElement function, ToolNameMap toolNames)
    {
        writer.WriteStartObject();
        var name = NonEmptyString(function, "name"u8);
        MessageJson.WriteToolUseHead(writer, id, name is null ? "unknown_tool" : toolNames.ToAnthropic(name));
        writer.WritePropertyName("input"u8);
        WriteInput(writer, Property(function, "arguments"u8));
        writer.WriteEndObject();
    }

    /// <summary>Arguments are a JSON string (usually), an object (some servers), empty, double-encoded, or invalid.</summary>
    internal static void WriteInput(Utf8JsonWriter writer, JsonElement arguments)
    {
        if (arguments.ValueKind == JsonValueKind.Object)
        {
            arguments.WriteTo(writer);
            return;
        }
        var text = arguments.ValueKind == JsonValueKind.String ? arguments.GetString() : null;
        if (string.IsNullOrWhiteSpace(text))
        {
            writer.WriteStartObject();
            writer.WriteEndObject();
            return;
        }
        if (TryWriteObject(writer, text, allowDoubleEncoded: true)) return;
        writer.WriteStartObject();
        writer.WriteString("_raw"u8, text);
        writer.WriteEndObject();
    }

    private static bool TryWriteObject(Utf8JsonWriter writer, string json, bool allowDoubleEncoded)
    {
        try
        {
            using var parsed = JsonDocument.Parse(json);
            var value = parsed.RootElement;
            if (value.ValueKind == JsonValueKind.Object)
            {
                value.WriteTo(writer);
                return true;
            }
            return allowDoubleEncoded && value.ValueKind == JsonValueKind.String
                && TryWriteObject(writer, value.GetString()!, allowDoubleEncoded: false);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? NonEmptyString(JsonElement element, ReadOnlySpan<byte> name) =>
        Property(element, name) is { ValueKind: JsonValueKind.String } value && value.GetString() is { Length: > 0 } text ? text : null;

    private static bool IsString(JsonElement element, ReadOnlySpan<byte> name, string expected) =>
        Property(element, name) is { ValueKind: JsonValueKind.String } value && value.ValueEquals(expected);
}
