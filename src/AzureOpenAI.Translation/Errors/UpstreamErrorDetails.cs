using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AzureOpenAI.Translation.Mapping;

namespace AzureOpenAI.Translation.Errors;

/// <summary>
/// What an upstream error body says, whatever its shape: OpenAI/Azure <c>{"error":{message,type,code}}</c> (Azure codes
/// are strings, <c>type</c> may be null), <c>{"error":"text"}</c> (Ollama), vLLM <c>{"object":"error",message,code}</c>,
/// FastAPI <c>{"detail":"text"}</c>, or not JSON at all (an HTML page from a gateway), which is summarised, never dumped.
/// </summary>
internal readonly partial record struct UpstreamErrorDetails(string? Message, string? Code, string? Type, int? Status)
{
    /// <summary>The categories Azure's prompt filter reports as fired, when the error is a content-filter rejection; else null.</summary>
    public IReadOnlyList<string>? FilteredCategories { get; init; }

    private const int MaxSnippetLength = 200;

    public static UpstreamErrorDetails Parse(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind == JsonValueKind.Object) return FromJson(document.RootElement);
        }
        catch (JsonException)
        {
            // Not JSON: summarised below.
        }
        return new UpstreamErrorDetails(Summarize(body), null, null, null);
    }

    private static UpstreamErrorDetails FromJson(JsonElement root)
    {
        var error = root;
        if (root.TryGetProperty("error"u8, out var inner))
        {
            if (inner.ValueKind == JsonValueKind.String) return new UpstreamErrorDetails(inner.GetString(), null, null, null);
            if (inner.ValueKind == JsonValueKind.Object) error = inner;
        }
        var message = StringOf(error, "message"u8) ?? StringOf(root, "detail"u8) ?? StringOf(root, "message"u8);
        var code = ScalarOf(error, "code"u8);
        var status = IntOf(error, "status"u8) ?? IntOf(root, "status"u8)
            ?? (int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var numeric) ? numeric : null);
        return new UpstreamErrorDetails(message, code, StringOf(error, "type"u8), status)
        {
            FilteredCategories = ContentFilterError.TryRead(error, code, out var categories) ? categories : null,
        };
    }

    private static string? StringOf(JsonElement element, ReadOnlySpan<byte> name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A string or a number as text: OpenAI codes are strings, vLLM codes are numbers.</summary>
    private static string? ScalarOf(JsonElement element, ReadOnlySpan<byte> name) =>
        !element.TryGetProperty(name, out var value) ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : value.ValueKind == JsonValueKind.Number ? value.GetRawText()
        : null;

    private static int? IntOf(JsonElement element, ReadOnlySpan<byte> name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number : null;

    /// <summary>A short, single-line description of a non-JSON body: an HTML page's title, or the start of the text.</summary>
    private static string? Summarize(ReadOnlySpan<byte> body)
    {
        var text = Encoding.UTF8.GetString(body[..Math.Min(body.Length, 8192)]);
        var title = TitleRegex().Match(text);
        if (title.Success) text = title.Groups["title"].Value;
        else if (text.TrimStart().StartsWith('<')) text = TagRegex().Replace(text, " ");
        text = WhitespaceRegex().Replace(text, " ").Trim();
        if (text.Length == 0) return null;
        return text.Length <= MaxSnippetLength ? text : string.Concat(text.AsSpan(0, MaxSnippetLength), "…");
    }

    [GeneratedRegex(@"<title[^>]*>(?<title>[^<]*)</title>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TitleRegex();

    [GeneratedRegex(@"<[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex TagRegex();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex WhitespaceRegex();
}
