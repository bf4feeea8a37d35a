using System.Text.Json;
using AzureOpenAI.Translation.Mapping;

namespace AzureOpenAI.Translation.OpenAI;

/// <summary>Writes a <see cref="ResponsesRequest"/> as compact UTF-8 JSON in one pass with <see cref="Utf8JsonWriter"/>.</summary>
internal static class ResponsesRequestWriter
{
    public static ReadOnlyMemory<byte> ToUtf8Json(ResponsesRequest request) => WireJson.Write(request, Write);

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
        if (request.PromptCacheKey is not null) writer.WriteString("prompt_cache_key"u8, request.PromptCacheKey);
        if (request.Stream) writer.WriteBoolean("stream"u8, true);
        writer.WriteEndObject();
    }

    private static void WriteInput(Utf8JsonWriter writer, List<ResponsesInputItem> items)
    {
        writer.WriteStartArray("input"u8);
        foreach (var item in items)
        {
            writer.WriteStartObject();
            switch (item)
            {
                case UserMessageItem user:
                    writer.WriteString("type"u8, "message"u8);
                    writer.WriteString("role"u8, "user"u8);
                    WriteParts(writer, "content"u8, user.Content);
                    break;
                case AssistantMessageItem assistant:
                    writer.WriteString("type"u8, "message"u8);
                    writer.WriteString("role"u8, "assistant"u8);
                    writer.WriteString("content"u8, assistant.Text);
                    break;
                case FunctionCallItem call:
                    writer.WriteString("type"u8, "function_call"u8);
                    writer.WriteString("call_id"u8, call.CallId);
                    writer.WriteString("name"u8, call.Name);
                    writer.WriteString("arguments"u8, call.Arguments);
                    break;
                case FunctionCallOutputItem output:
                    writer.WriteString("type"u8, "function_call_output"u8);
                    writer.WriteString("call_id"u8, output.CallId);
                    if (output.Parts is { } parts) WriteParts(writer, "output"u8, parts);
                    else writer.WriteString("output"u8, output.Text);
                    break;
                case ReasoningItem reasoning:
                    WriteReasoning(writer, reasoning);
                    break;
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private static void WriteReasoning(Utf8JsonWriter writer, ReasoningItem reasoning)
    {
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
    }

    private static void WriteParts(Utf8JsonWriter writer, ReadOnlySpan<byte> name, List<ContentPart> parts)
    {
        writer.WriteStartArray(name);
        foreach (var part in parts) WritePart(writer, part);
        writer.WriteEndArray();
    }

    private static void WritePart(Utf8JsonWriter writer, ContentPart part)
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
    private static void WriteTools(Utf8JsonWriter writer, List<FunctionTool> tools)
    {
        writer.WriteStartArray("tools"u8);
        foreach (var tool in tools)
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, "function"u8);
            writer.WriteString("name"u8, tool.Name);
            if (tool.Description is not null) writer.WriteString("description"u8, tool.Description);
            writer.WritePropertyName("parameters"u8);
            tool.WriteParameters(writer);
            writer.WriteBoolean("strict"u8, false);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private static void WriteToolChoice(Utf8JsonWriter writer, FunctionToolChoice choice)
    {
        if (choice.Mode is not null) { writer.WriteString("tool_choice"u8, choice.Mode); return; }
        writer.WriteStartObject("tool_choice"u8);
        writer.WriteString("type"u8, "function"u8);
        writer.WriteString("name"u8, choice.FunctionName);
        writer.WriteEndObject();
    }
}
