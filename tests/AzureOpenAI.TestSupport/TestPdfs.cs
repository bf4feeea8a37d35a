using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace AzureOpenAI.TestSupport;

/// <summary>Real, small PDFs written with PdfPig: one line of text per page and, optionally, a document title.</summary>
public static class TestPdfs
{
    public static byte[] Create(string? title, params string[] pages)
    {
        ArgumentNullException.ThrowIfNull(pages);
        var builder = new PdfDocumentBuilder();
        if (title is not null) builder.DocumentInformation.Title = title;
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        foreach (var line in pages)
            builder.AddPage(PageSize.A4).AddText(line, 12, new PdfPoint(50, 750), font);
        return builder.Build();
    }

    public static string Base64(string? title, params string[] pages) => Convert.ToBase64String(Create(title, pages));
}
