using System.Globalization;
using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace AzureOpenAI.Translation.Mapping;

/// <summary>
/// For an upstream with no <c>file</c> content part (dated Azure api-versions such as 2024-10-21 answer
/// <c>400 Invalid value: 'file'</c>), each PDF becomes its text, extracted with PdfPig page by page: the title first
/// (the document block's, else the PDF's own), the page count, then each page. A PDF that cannot be read becomes a line
/// saying so, never a failed request.
/// </summary>
internal static class PdfTextFallback
{
    private const string UntitledName = "document.pdf";

    /// <summary>Replaces every file part of the conversation (user content and tool results) by its text.</summary>
    public static void Apply(List<ConversationItem> items)
    {
        foreach (var item in items)
        {
            var parts = item switch
            {
                UserMessage user => user.Parts,
                ToolResult result => result.Content,
                _ => null,
            };
            if (parts is null) continue;
            for (var i = 0; i < parts.Count; i++)
                if (parts[i] is FilePart file) parts[i] = new TextPart(ToText(file));
        }
    }

    internal static string ToText(FilePart file)
    {
        var title = file.Filename == UntitledName ? null : file.Filename;
        var comma = file.FileData.IndexOf(',', StringComparison.Ordinal);
        var bytes = new byte[file.FileData.Length];
        if (comma < 0 || !Convert.TryFromBase64String(file.FileData[(comma + 1)..], bytes, out var length))
            return $"[PDF {title ?? UntitledName}: not valid base64, its text could not be read]";
        try
        {
            using var document = PdfDocument.Open(bytes.AsSpan(0, length).ToArray());
            title ??= string.IsNullOrWhiteSpace(document.Information.Title) ? UntitledName : document.Information.Title;
            var text = new StringBuilder();
            text.Append(CultureInfo.InvariantCulture, $"{title} (PDF, {document.NumberOfPages} page{(document.NumberOfPages == 1 ? "" : "s")}; its text, as this upstream takes no PDF files)");
            foreach (var page in document.GetPages())
                text.Append(CultureInfo.InvariantCulture, $"\n\n--- page {page.Number} ---\n").Append(ContentOrderTextExtractor.GetText(page));
            return text.ToString();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // PdfPig throws its own exception types for damaged or encrypted files; the request goes on without the text.
            return $"[PDF {title ?? UntitledName}: its text could not be extracted ({ex.GetType().Name})]";
        }
    }
}
