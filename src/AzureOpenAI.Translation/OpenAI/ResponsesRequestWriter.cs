using System.Text.Json;
using AzureOpenAI.Translation.Mapping;

namespace AzureOpenAI.Translation.OpenAI;

/// <summary>
/// Writes a <see cref="ResponsesRequest"/> as compact UTF-8 JSON. Messages become input items:
/// <list type="bullet">
/// <item>user → <c>{type:"message", role:"user", content:[input_text|input_image|input_file]}</c>;</item>
/// <item>assistant → its replayed <c>reasoning</c> items, then <c>{type:"message", role:"assistant", content:"…"}</c>,
/// then one <c>function_call</c> per tool call. The text is a plain string: the <c>output_text</c> part form would
/// have to carry an item id, a status, annotations and logprobs to be a valid <c>OutputMessage</c>;</item>
/// <item>tool → <c>function_call_output</c>, its output a string, or parts when it holds images or files.</item>
/// </list>
/// </summary>
internal static class ResponsesRequestWriter
{
    /// <summary>A Claude Code turn is 50 KB and up; starting at 16 KB keeps regrowth to a few doublings.</summary>
    private const int InitialBufferSize = 16 * 1024;

    public static ReadOnlyMemory<byte> ToUtf8Json(ResponsesRequest request) => WireJson.Write(request, Write, InitialBufferSize);

    private static void Write(Utf8JsonWriter writer, ResponsesRequest request)
    {
        writer.WriteStartObject();
        writer.WriteString("model"u8, request.Model);
        if (request.Instructions is not null) writer.WriteString("instructions"u8, request.Instructions);
        WriteInput(writer, request.Input);
        if (request.Tools is not null) WriteTools(writer, request.Tools);
        if (request.ToolChoice is not null) WriteToolChoice(writer, request.ToolChoice);
        if (request.ParallelToolCalls is { } parallel) writer.WriteBoolean("parallel_tool_calls"u8, parallel);
        writer.WriteNumber("max_output_tokens"u8, request.MaxOutputTokens);
        if (request.Temperature is { } temperature) writer.WriteNumber("temperature"u8, temperature);
        if (request.TopP is { } topP) writer.WriteNumber("top_p"u8, topP);
        if (request.Reasoning)
        {
            writer.WriteStartObject("reasoning"u8);
            if (request.ReasoningEffort is not null) writer.WriteString("effort"u8, request.ReasoningEffort);
            writer.WriteString("summary"u8, "auto"u8);
            writer.WriteEndObject();
        }
        // Stateless: nothing is stored upstream; reasoning continuity travels in the thinking signatures instead.
        writer.WriteBoolean("store"u8, false);
        if (request.Reasoning)
        {
            writer.WriteStartArray("include"u8);
            writer.WriteStringValue("reasoning.encrypted_content"u8);
            writer.WriteEndArray();
        }
        if (request.User is not null) writer.WriteString("user"u8, request.User);
        if (request.Stream) writer.WriteBoolean("stream"u8, true);
        writer.WriteEndObject();
    }

    private static void WriteInput(Utf8JsonWriter writer, List<ChatMessage> messages)
    {
        writer.WriteStartArray("input"u8);
        foreach (var message in messages)
        {
            switch (message.Role)
            {
                case ChatRoles.User:
                    WriteUserMessage(writer, message);
                    break;
                case ChatRoles.Assistant:
                    WriteAssistantItems(writer, message);
                    break;
                case ChatRoles.Tool:
                    WriteFunctionCallOutput(writer, message);
                    break;
            }
        }
        writer.WriteEndArray();
    }

    private static void WriteUserMessage(Utf8JsonWriter writer, ChatMessage message)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, "message"u8);
        writer.WriteString("role"u8, "user"u8);
        writer.WriteStartArray("content"u8);
        if (message.Parts is { } parts)
            foreach (var part in parts) WritePart(writer, part);
        else WriteInputText(writer, message.Text ?? "");
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteAssistantItems(Utf8JsonWriter writer, ChatMessage message)
    {
        foreach (var reasoning in message.Reasoning ?? [])
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, "reasoning"u8);
            writer.WriteString("id"u8, reasoning.Id);
            writer.WriteStartArray("summary"u8);
            if (reasoning.Summary is not null)
            {
                writer.WriteStartObject();
                writer.WriteString("type"u8, "summary_text"u8);
                writer.WriteString("text"u8, reasoning.Summary);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteString("encrypted_content"u8, reasoning.EncryptedContent);
            writer.WriteEndObject();
        }
        if (!string.IsNullOrEmpty(message.Text))
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, "message"u8);
            writer.WriteString("role"u8, "assistant"u8);
            writer.WriteString("content"u8, message.Text);
            writer.WriteEndObject();
        }
        foreach (var call in message.ToolCalls ?? [])
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, "function_call"u8);
            writer.WriteString("call_id"u8, call.Id);
            writer.WriteString("name"u8, call.Name);
            writer.WriteString("arguments"u8, call.Arguments);
            writer.WriteEndObject();
        }
    }

    private static void WriteFunctionCallOutput(Utf8JsonWriter writer, ChatMessage message)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, "function_call_output"u8);
        writer.WriteString("call_id"u8, message.ToolCallId);
        if (message.Parts is { } parts)
        {
            writer.WriteStartArray("output"u8);
            foreach (var part in parts) WritePart(writer, part);
            writer.WriteEndArray();
        }
        else writer.WriteString("output"u8, message.Text ?? "");
        writer.WriteEndObject();
    }

    private static void WritePart(Utf8JsonWriter writer, ChatContentPart part)
    {
        switch (part)
        {
            case TextPart text:
                WriteInputText(writer, text.Text);
                break;
            case ImageUrlPart image:
                writer.WriteStartObject();
                writer.WriteString("type"u8, "input_image"u8);
                writer.WriteString("image_url"u8, image.Url);
                writer.WriteString("detail"u8, "auto"u8);
                writer.WriteEndObject();
                break;
            case FilePart file:
                writer.WriteStartObject();
                writer.WriteString("type"u8, "input_file"u8);
                writer.WriteString("filename"u8, file.Filename);
                writer.WriteString("file_data"u8, file.FileData);
                writer.WriteEndObject();
                break;
        }
    }

    private static void WriteInputText(Utf8JsonWriter writer, string text)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, "input_text"u8);
        writer.WriteString("text"u8, text);
        writer.WriteEndObject();
    }

    /// <summary>Flat function tools; <c>strict:false</c> because Claude Code's schemas do not follow strict mode's rules.</summary>
    private static void WriteTools(Utf8JsonWriter writer, List<ChatTool> tools)
    {
        writer.WriteStartArray("tools"u8);
        foreach (var tool in tools)
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, "function"u8);
            writer.WriteString("name"u8, tool.Name);
            if (tool.Description is not null) writer.WriteString("description"u8, tool.Description);
            writer.WritePropertyName("parameters"u8);
            ToolSchemaCleaner.WriteParameters(writer, tool.Parameters);
            writer.WriteBoolean("strict"u8, false);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private static void WriteToolChoice(Utf8JsonWriter writer, ChatToolChoice choice)
    {
        if (choice.Mode is not null) { writer.WriteString("tool_choice"u8, choice.Mode); return; }
        writer.WriteStartObject("tool_choice"u8);
        writer.WriteString("type"u8, "function"u8);
        writer.WriteString("name"u8, choice.FunctionName);
        writer.WriteEndObject();
    }
}
