using System.Text;

namespace AzureOpenAI.Translation.Tokens;

/// <summary>Estimates a base64 PDF's page count by its page objects (<c>/Type /Page</c>, not <c>/Pages</c>); at least 1.</summary>
internal static class PdfPages
{
    public static int Estimate(string? base64)
    {
        if (string.IsNullOrEmpty(base64)) return 1;
        var bytes = new byte[base64.Length / 4 * 3 + 3];
        if (!Convert.TryFromBase64String(base64, bytes, out var written)) return 1;
        // Latin-1 keeps one char per byte, so the PDF's ASCII syntax can be searched as text.
        var text = Encoding.Latin1.GetString(bytes, 0, written);
        var pages = 0;
        foreach (var marker in (ReadOnlySpan<string>)["/Type /Page", "/Type/Page"])
            for (var at = text.IndexOf(marker, StringComparison.Ordinal); at >= 0; at = text.IndexOf(marker, at + marker.Length, StringComparison.Ordinal))
                if (at + marker.Length >= text.Length || text[at + marker.Length] != 's') pages++;
        return Math.Max(1, pages);
    }
}
