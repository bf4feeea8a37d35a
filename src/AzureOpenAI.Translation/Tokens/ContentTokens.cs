using System.Text;
using System.Text.Json;
using AzureOpenAI.Translation.Anthropic;
using Microsoft.ML.Tokenizers;

namespace AzureOpenAI.Translation.Tokens;

/// <summary>
/// The tokens of one content unit, counted afresh (<see cref="TokenCounter"/> memoizes them): a message's role and
/// content, a system block, a tool definition. Each is independent of the others, so a request's count is their sum.
/// </summary>
internal static class ContentTokens
{
    /// <summary>What every message costs besides its content: <see cref="TokenCounter.TokensPerMessage"/> and its role.</summary>
    public static int MessageOverhead(Tokenizer tokenizer, string role) => TokenCounter.TokensPerMessage + Text(tokenizer, role);

    public static int Message(Tokenizer tokenizer, string role, JsonElement content) => MessageOverhead(tokenizer, role) + Content(tokenizer, content);

    public static int Tool(Tokenizer tokenizer, ToolDefinition tool)
    {
        var tokens = Text(tokenizer, tool.Name) + Text(tokenizer, tool.Description);
        if (tool.IsClientTool && tool.InputSchema.ValueKind == JsonValueKind.Object)
            tokens += Text(tokenizer, CompactJson(tool.InputSchema));
        return tokens;
    }

    /// <summary>A string, or an array of blocks (system, message content, tool_result content, document content).</summary>
    public static int Content(Tokenizer tokenizer, JsonElement content)
    {
        if (content.ValueKind == JsonValueKind.String) return Text(tokenizer, content.GetString());
        var tokens = 0;
        if (content.ValueKind == JsonValueKind.Array)
            foreach (var block in content.EnumerateArray()) tokens += Block(tokenizer, block);
        return tokens;
    }

    public static int Block(Tokenizer tokenizer, JsonElement block)
    {
        if (block.ValueKind != JsonValueKind.Object) return 0;
        switch (String(block, "type"))
        {
            case "text":
                return Text(tokenizer, String(block, "text"));
            case "thinking":
                return Text(tokenizer, String(block, "thinking"));
            case "redacted_thinking":
                return 0; // opaque and never sent to an OpenAI-style upstream
            case "tool_use":
                var toolUse = Text(tokenizer, String(block, "id")) + Text(tokenizer, String(block, "name"));
                return block.TryGetProperty("input", out var input) ? toolUse + Text(tokenizer, CompactJson(input)) : toolUse;
            case "tool_result":
                var toolResult = Text(tokenizer, String(block, "tool_use_id"));
                return block.TryGetProperty("content", out var result) ? toolResult + Content(tokenizer, result) : toolResult;
            case "image":
                return Image(block);
            case "document":
                return Document(tokenizer, block);
            default:
                // search_result, server tool blocks, …: whatever reaches the model is at most their JSON.
                return Text(tokenizer, CompactJson(block));
        }
    }

    private static int Image(JsonElement block) =>
        block.TryGetProperty("source", out var source) && String(source, "type") == "base64"
            ? ImageTokens.ForBase64(String(source, "data"))
            : ImageTokens.UnknownSizeTokens;

    private static int Document(Tokenizer tokenizer, JsonElement block)
    {
        var tokens = Text(tokenizer, String(block, "title")) + Text(tokenizer, String(block, "context"));
        if (!block.TryGetProperty("source", out var source)) return tokens;
        return tokens + String(source, "type") switch
        {
            "text" => Text(tokenizer, String(source, "data")),
            "content" when source.TryGetProperty("content", out var content) => Content(tokenizer, content),
            "base64" => TokenCounter.TokensPerPdfPage * PdfPages.Estimate(String(source, "data")),
            _ => TokenCounter.TokensPerPdfPage, // a URL: one page, size unknown
        };
    }

    private static int Text(Tokenizer tokenizer, string? text) => string.IsNullOrEmpty(text) ? 0 : LinearTokenCount.Count(tokenizer, text);

    private static string? String(JsonElement obj, string property) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>JSON as the upstream receives it (compact), not as the client formatted it.</summary>
    private static string CompactJson(JsonElement element)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
            element.WriteTo(writer);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
