using System.Text.Json;
using AzureOpenAI.Translation.OpenAI;

namespace AzureOpenAI.Translation.Mapping;

/// <summary>
/// User content blocks → content parts: text, images (base64 → data URL, or URL), documents (text → text part
/// prefixed with the title, PDF base64 → file part, content source → text/image parts) and search results (text).
/// Blocks with no upstream equivalent and no meaning for the model in a user turn (thinking, server-tool blocks) are
/// dropped; a type the translator does not know follows <see cref="UnknownBlocks"/>; sources the upstream cannot read
/// (file ids, document URLs) are a 400.
/// </summary>
internal static class UserContent
{
    /// <summary>Appends the parts for one block (other than tool_result) to <paramref name="parts"/>.</summary>
    public static void AppendPart(List<ContentPart> parts, JsonElement block, string type, FieldPath path)
    {
        switch (type)
        {
            case "text":
                var text = ContentBlocks.RequiredString(block, "text", path);
                if (text.Length > 0) parts.Add(new TextPart(text));
                break;
            case "image":
                parts.Add(ToImagePart(block, path));
                break;
            case "document":
                AppendDocument(parts, block, path);
                break;
            case "search_result":
                parts.Add(new TextPart(ToSearchResultText(block, path)));
                break;
            default:
                if (UnknownBlocks.StandIn(block, type) is { } standIn) parts.Add(new TextPart(standIn));
                break;
        }
    }

    internal static ImageUrlPart ToImagePart(JsonElement block, FieldPath path)
    {
        var source = ContentBlocks.RequiredObject(block, "source", path);
        var sourceType = ContentBlocks.RequiredString(source, "type", Nested(path, "source"));
        return sourceType switch
        {
            "base64" => new ImageUrlPart(ToDataUrl(source, path)),
            "url" => new ImageUrlPart(ContentBlocks.RequiredString(source, "url", Nested(path, "source"))),
            _ => throw Unsupported(path, "image", sourceType),
        };
    }

    private static void AppendDocument(List<ContentPart> parts, JsonElement block, FieldPath path)
    {
        var source = ContentBlocks.RequiredObject(block, "source", path);
        var sourcePath = Nested(path, "source");
        var title = ContentBlocks.OptionalString(block, "title", path);
        switch (ContentBlocks.RequiredString(source, "type", sourcePath))
        {
            case "text":
                parts.Add(new TextPart(WithTitle(title, ContentBlocks.RequiredString(source, "data", sourcePath))));
                break;
            case "base64":
                parts.Add(new FilePart(title ?? "document.pdf", ToDataUrl(source, path)));
                break;
            case "content":
                AppendDocumentContent(parts, source, title, path);
                break;
            case var other:
                throw Unsupported(path, "document", other);
        }
    }

    /// <summary>A <c>content</c> source holds a string or text/image blocks; the title leads as its own text part.</summary>
    private static void AppendDocumentContent(List<ContentPart> parts, JsonElement source, string? title, FieldPath path)
    {
        if (!source.TryGetProperty("content"u8, out var content)) throw ContentBlocks.Invalid(path.Field("source.content"), "field required");
        if (content.ValueKind == JsonValueKind.String)
        {
            parts.Add(new TextPart(WithTitle(title, content.GetString()!)));
            return;
        }
        if (content.ValueKind != JsonValueKind.Array)
            throw ContentBlocks.Invalid(path.Field("source.content"), "expected a string or an array of content blocks");
        if (title is not null) parts.Add(new TextPart(title));
        foreach (var inner in content.EnumerateArray())
        {
            // Errors inside a document's content name the document block itself: precise enough for a rare shape.
            var innerType = ContentBlocks.TypeOf(inner, path);
            if (innerType is "text" or "image") AppendPart(parts, inner, innerType, path);
        }
    }

    private static string ToSearchResultText(JsonElement block, FieldPath path)
    {
        var title = ContentBlocks.OptionalString(block, "title", path);
        var source = ContentBlocks.OptionalString(block, "source", path);
        var texts = new List<string>();
        if (title is not null || source is not null) texts.Add(string.Join(" — ", new[] { title, source }.Where(s => s is not null)));
        if (block.TryGetProperty("content"u8, out var content) && content.ValueKind == JsonValueKind.Array)
            foreach (var inner in content.EnumerateArray())
                if (inner.ValueKind == JsonValueKind.Object && inner.TryGetProperty("text"u8, out var text) && text.ValueKind == JsonValueKind.String)
                    texts.Add(text.GetString()!);
        return string.Join("\n", texts);
    }

    private static string ToDataUrl(JsonElement source, FieldPath path)
    {
        var sourcePath = Nested(path, "source");
        var mediaType = ContentBlocks.RequiredString(source, "media_type", sourcePath);
        var data = ContentBlocks.RequiredString(source, "data", sourcePath);
        return $"data:{mediaType};base64,{data}";
    }

    private static string WithTitle(string? title, string text) => title is null ? text : title + "\n\n" + text;

    /// <summary>The path of an object inside a block (<c>….content.1.source</c>), to name its fields in errors.</summary>
    private static FieldPath Nested(FieldPath path, string field) => new(path.Field(field));

    private static Anthropic.AnthropicRequestException Unsupported(FieldPath path, string kind, string sourceType) =>
        ContentBlocks.Invalid(Nested(path, "source").Field("type"),
            $"{kind} source \"{sourceType}\" cannot be sent to a Chat Completions upstream (use {(kind == "image" ? "base64 or url" : "base64, text or content")})");
}
