using System.Text;
using System.Text.Json;
using AzureOpenAI.Translation.Anthropic;
using Microsoft.ML.Tokenizers;

namespace AzureOpenAI.Translation.Tokens;

/// <summary>
/// Local input-token count for <c>count_tokens</c> and the <c>message_start</c> estimate; never calls upstream.
/// It counts what the upstream model will read, with OpenAI's cookbook accounting for chat: every message (the system
/// prompt included) costs <see cref="TokensPerMessage"/> plus its role and content, and the reply is primed with
/// <see cref="ReplyPrimingTokens"/>. Tool definitions count name, description and schema JSON; images follow
/// OpenAI's tile rule (<see cref="ImageTokens"/>).
/// </summary>
public static class TokenCounter
{
    internal const int TokensPerMessage = 3;
    internal const int ReplyPrimingTokens = 3;

    /// <summary>A PDF page read as text and image: OpenAI bills roughly this much per page (a documented estimate).</summary>
    internal const int TokensPerPdfPage = 1000;

    /// <summary>Counts system, messages, tool_use inputs, tool results, tool definitions and images for <paramref name="upstreamModel"/>'s encoding.</summary>
    public static int CountInputTokens(MessagesRequest request, string upstreamModel)
    {
        ArgumentNullException.ThrowIfNull(request);
        var counter = new Counter(TokenizerCatalog.For(upstreamModel ?? ""));
        if (request.System.ValueKind is JsonValueKind.String or JsonValueKind.Array)
            counter.Message("system", request.System);
        // Null entries are the mapping's 400; the estimate for message_start runs beside it and must not throw first.
        foreach (var message in request.Messages ?? [])
            if (message is not null) counter.Message(message.Role ?? "user", message.Content);
        foreach (var tool in request.Tools ?? [])
            if (tool is not null) counter.Tool(tool);
        return counter.Total + ReplyPrimingTokens;
    }

    private sealed class Counter(Tokenizer tokenizer)
    {
        public int Total { get; private set; }

        public void Message(string role, JsonElement content)
        {
            Total += TokensPerMessage + Text(role);
            Content(content);
        }

        public void Tool(ToolDefinition tool)
        {
            Total += Text(tool.Name) + Text(tool.Description);
            if (tool.IsClientTool && tool.InputSchema.ValueKind == JsonValueKind.Object)
                Total += Text(CompactJson(tool.InputSchema));
        }

        /// <summary>A string, or an array of blocks (system, message content, tool_result content, document content).</summary>
        private void Content(JsonElement content)
        {
            if (content.ValueKind == JsonValueKind.String) Total += Text(content.GetString());
            else if (content.ValueKind == JsonValueKind.Array)
                foreach (var block in content.EnumerateArray()) Block(block);
        }

        private void Block(JsonElement block)
        {
            if (block.ValueKind != JsonValueKind.Object) return;
            switch (String(block, "type"))
            {
                case "text":
                    Total += Text(String(block, "text"));
                    break;
                case "thinking":
                    Total += Text(String(block, "thinking"));
                    break;
                case "redacted_thinking":
                    break; // opaque and never sent to an OpenAI-style upstream
                case "tool_use":
                    Total += Text(String(block, "id")) + Text(String(block, "name"));
                    if (block.TryGetProperty("input", out var input)) Total += Text(CompactJson(input));
                    break;
                case "tool_result":
                    Total += Text(String(block, "tool_use_id"));
                    if (block.TryGetProperty("content", out var result)) Content(result);
                    break;
                case "image":
                    Total += Image(block);
                    break;
                case "document":
                    Document(block);
                    break;
                default:
                    // search_result, server tool blocks, …: whatever reaches the model is at most their JSON.
                    Total += Text(CompactJson(block));
                    break;
            }
        }

        private static int Image(JsonElement block) =>
            block.TryGetProperty("source", out var source) && String(source, "type") == "base64"
                ? ImageTokens.ForBase64(String(source, "data"))
                : ImageTokens.UnknownSizeTokens;

        private void Document(JsonElement block)
        {
            Total += Text(String(block, "title")) + Text(String(block, "context"));
            if (!block.TryGetProperty("source", out var source)) return;
            switch (String(source, "type"))
            {
                case "text":
                    Total += Text(String(source, "data"));
                    break;
                case "content" when source.TryGetProperty("content", out var content):
                    Content(content);
                    break;
                case "base64":
                    Total += TokensPerPdfPage * PdfPages.Estimate(String(source, "data"));
                    break;
                default:
                    Total += TokensPerPdfPage; // a URL: one page, size unknown
                    break;
            }
        }

        private int Text(string? text) => string.IsNullOrEmpty(text) ? 0 : LinearTokenCount.Count(tokenizer, text);
    }

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
