using AzureOpenAI.TestSupport;
using AzureOpenAI.Translation.Mapping;
using Xunit;

namespace AzureOpenAI.Translation.Tests.Mapping;

public sealed class PdfTextFallbackTests
{
    [Fact]
    public void ARealPdf_BecomesItsTitlePageCountAndTextPerPage()
    {
        var text = PdfTextFallback.ToText(new FilePart("document.pdf", "data:application/pdf;base64," + TestPdfs.Base64("Quarterly numbers", "Revenue grew.", "Costs fell.")));

        Assert.StartsWith("Quarterly numbers (PDF, 2 pages", text, StringComparison.Ordinal);
        Assert.Contains("--- page 1 ---\nRevenue grew.", text, StringComparison.Ordinal);
        Assert.Contains("--- page 2 ---\nCosts fell.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDocumentBlocksTitle_WinsOverThePdfs()
    {
        var text = PdfTextFallback.ToText(new FilePart("report.pdf", "data:application/pdf;base64," + TestPdfs.Base64("Inner title", "One page.")));

        Assert.StartsWith("report.pdf (PDF, 1 page;", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ADamagedPdf_IsALineSayingSo()
    {
        var text = PdfTextFallback.ToText(new FilePart("broken.pdf", "data:application/pdf;base64,JVBERi0xLjQKJcfsj6IK"));

        Assert.StartsWith("[PDF broken.pdf: its text could not be extracted", text, StringComparison.Ordinal);
    }

    /// <summary>Writes the golden case's PDF (a real one) when <c>UPDATE_GOLDEN=1</c>; its upstream body is the golden file.</summary>
    [Fact]
    public void GoldenCase_HoldsARealPdf()
    {
        var path = Path.Combine(RepositoryPaths.Root, "tests", "AzureOpenAI.Translation.Tests", "Golden", "Requests", "pdf-text-fallback", "anthropic-request.json");
        var request = File.ReadAllText(path);
        Assert.Contains("JVBERi", request, StringComparison.Ordinal);
    }
}
