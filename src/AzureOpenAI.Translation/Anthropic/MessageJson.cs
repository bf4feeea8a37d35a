using System.Text.Json;

namespace AzureOpenAI.Translation.Anthropic;

/// <summary>
/// The parts of the Anthropic <c>Message</c> JSON shared by the non-streaming response and <c>message_start</c>.
/// Fields the spec marks as required but that have no upstream meaning are written as null.
/// </summary>
internal static class MessageJson
{
    /// <summary>Writes <c>id</c>, <c>type</c>, <c>role</c> and <c>model</c>; the caller writes <c>content</c> next.</summary>
    public static void WriteHead(Utf8JsonWriter writer, string messageId, string model)
    {
        writer.WriteString("id"u8, messageId);
        writer.WriteString("type"u8, "message"u8);
        writer.WriteString("role"u8, "assistant"u8);
        writer.WriteString("model"u8, model);
    }

    /// <summary>Writes the stop fields and the usage that follow <c>content</c>.</summary>
    public static void WriteTail(Utf8JsonWriter writer, string? stopReason, AnthropicUsage usage)
    {
        if (stopReason is null) writer.WriteNull("stop_reason"u8);
        else writer.WriteString("stop_reason"u8, stopReason);
        writer.WriteNull("stop_sequence"u8);
        writer.WriteNull("stop_details"u8);
        writer.WriteNull("container"u8);
        usage.WriteMessageUsage(writer);
    }

    /// <summary>The head of a <c>tool_use</c> block, up to (not including) <c>input</c>.</summary>
    public static void WriteToolUseHead(Utf8JsonWriter writer, string id, string name)
    {
        writer.WriteString("type"u8, "tool_use"u8);
        writer.WriteString("id"u8, id);
        writer.WriteString("name"u8, name);
        writer.WriteStartObject("caller"u8);
        writer.WriteString("type"u8, "direct"u8);
        writer.WriteEndObject();
    }
}
