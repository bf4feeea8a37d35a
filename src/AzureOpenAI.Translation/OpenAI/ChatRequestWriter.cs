using System.Text.Json;
using AzureOpenAI.Translation.Mapping;

namespace AzureOpenAI.Translation.OpenAI;

/// <summary>Writes a <see cref="ChatRequest"/> as compact UTF-8 JSON in one pass with <see cref="Utf8JsonWriter"/>.</summary>
internal static class ChatRequestWriter
{
    public static ReadOnlyMemory<byte> ToUtf8Json(ChatRequest request) => WireJson.Write(request, Write);

    private static void Write(Utf8JsonWriter writer, ChatRequest request)
    {
        writer.WriteStartObject();
        if (request.Model is not null) writer.WriteString("model"u8, request.Model);
        WriteMessages(writer, request.Messages);
        if (request.Tools is not null) WriteTools(writer, request.Tools);
        if (request.ToolChoice is not null) WriteToolChoice(writer, request.ToolChoice);
        if (request.ParallelToolCalls is { } parallel) writer.WriteBoolean("parallel_tool_calls"u8, parallel);
        if (request.MaxTokens is { } maxTokens) writer.WriteNumber("max_tokens"u8, maxTokens);
        if (request.MaxCompletionTokens is { } maxCompletion) writer.WriteNumber("max_completion_tokens"u8, maxCompletion);
        if (request.Temperature is { } temperature) writer.WriteNumber("temperature"u8, temperature);
        if (request.TopP is { } topP) writer.WriteNumber("top_p"u8, topP);
        if (request.Stop is not null) WriteStringArray(writer, "stop"u8, request.Stop);
        if (request.ReasoningEffort is not null) writer.WriteString("reasoning_effort"u8, request.ReasoningEffort);
        if (request.User is not null) writer.WriteString("user"u8, request.User);
        if (request.PromptCacheKey is not null) writer.WriteString("prompt_cache_key"u8, request.PromptCacheKey);
        if (request.Stream)
        {
            writer.WriteBoolean("stream"u8, true);
            writer.WriteStartObject("stream_options"u8);
            writer.WriteBoolean("include_usage"u8, true);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    private static void WriteMessages(Utf8JsonWriter writer, List<ChatMessage> messages)
    {
        writer.WriteStartArray("messages"u8);
        foreach (var message in messages)
        {
            writer.WriteStartObject();
            writer.WriteString("role"u8, message.Role);
            WriteContent(writer, message);
            if (message.ReasoningContent is not null) writer.WriteString("reasoning_content"u8, message.ReasoningContent);
            if (message.ToolCalls is { Count: > 0 } calls) WriteToolCalls(writer, calls);
            if (message.ToolCallId is not null) writer.WriteString("tool_call_id"u8, message.ToolCallId);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private static void WriteContent(Utf8JsonWriter writer, ChatMessage message)
    {
        if (message.Parts is { Count: > 0 } parts)
        {
            if (parts is [TextPart single]) { writer.WriteString("content"u8, single.Text); return; }
            writer.WriteStartArray("content"u8);
            foreach (var part in parts) WritePart(writer, part);
            writer.WriteEndArray();
        }
        else if (message.Text is not null) writer.WriteString("content"u8, message.Text);
        else writer.WriteNull("content"u8); // an assistant message that only carries tool_calls
    }

    private static void WritePart(Utf8JsonWriter writer, ContentPart part)
    {
        writer.WriteStartObject();
        switch (part)
        {
            case TextPart text:
                writer.WriteString("type"u8, "text"u8);
                writer.WriteString("text"u8, text.Text);
                break;
            case ImageUrlPart image:
                writer.WriteString("type"u8, "image_url"u8);
                writer.WriteStartObject("image_url"u8);
                writer.WriteString("url"u8, image.Url);
                writer.WriteEndObject();
                break;
            case FilePart file:
                writer.WriteString("type"u8, "file"u8);
                writer.WriteStartObject("file"u8);
                writer.WriteString("filename"u8, file.Filename);
                writer.WriteString("file_data"u8, file.FileData);
                writer.WriteEndObject();
                break;
        }
        writer.WriteEndObject();
    }

    private static void WriteToolCalls(Utf8JsonWriter writer, List<ToolCall> calls)
    {
        writer.WriteStartArray("tool_calls"u8);
        foreach (var call in calls)
        {
            writer.WriteStartObject();
            writer.WriteString("id"u8, call.Id);
            writer.WriteString("type"u8, "function"u8);
            writer.WriteStartObject("function"u8);
            writer.WriteString("name"u8, call.Name);
            writer.WriteString("arguments"u8, call.Arguments);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private static void WriteTools(Utf8JsonWriter writer, List<FunctionTool> tools)
    {
        writer.WriteStartArray("tools"u8);
        foreach (var tool in tools)
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, "function"u8);
            writer.WriteStartObject("function"u8);
            writer.WriteString("name"u8, tool.Name);
            if (tool.Description is not null) writer.WriteString("description"u8, tool.Description);
            writer.WritePropertyName("parameters"u8);
            tool.WriteParameters(writer);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private static void WriteToolChoice(Utf8JsonWriter writer, FunctionToolChoice choice)
    {
        if (choice.Mode is not null) { writer.WriteString("tool_choice"u8, choice.Mode); return; }
        writer.WriteStartObject("tool_choice"u8);
        writer.WriteString("type"u8, "function"u8);
        writer.WriteStartObject("function"u8);
        writer.WriteString("name"u8, choice.FunctionName);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteStringArray(Utf8JsonWriter writer, ReadOnlySpan<byte> name, List<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values) writer.WriteStringValue(value);
        writer.WriteEndArray();
    }
}
