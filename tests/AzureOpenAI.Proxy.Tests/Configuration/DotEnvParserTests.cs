using AzureOpenAI.Proxy.Configuration;

namespace AzureOpenAI.Proxy.Tests.Configuration;

public class DotEnvParserTests
{
    [Fact]
    public void CommentsBlankLinesAndExportPrefix_AreUnderstood()
    {
        var values = DotEnvParser.Parse("# comment\n\nexport OPENAI_API_KEY=abc\nPORT = 9000  # inline\n", ".env");

        Assert.Equal("abc", values["OPENAI_API_KEY"]);
        Assert.Equal("9000", values["PORT"]);
        Assert.Equal(2, values.Count);
    }

    [Fact]
    public void SingleQuotes_KeepEverythingLiterally()
    {
        var values = DotEnvParser.Parse("A='x # not a comment \\n'", ".env");

        Assert.Equal("x # not a comment \\n", values["A"]);
    }

    [Fact]
    public void DoubleQuotes_UnderstandEscapesAndSpanLines()
    {
        var values = DotEnvParser.Parse("A=\"line1\\n\\\"q\\\"\"\nB=\"first\nsecond\"\nC=3", ".env");

        Assert.Equal("line1\n\"q\"", values["A"]);
        Assert.Equal("first\nsecond", values["B"]);
        Assert.Equal("3", values["C"]);
    }

    [Fact]
    public void CrLfLineEndings_AreAccepted()
    {
        var values = DotEnvParser.Parse("A=1\r\nB=2\r\n", ".env");

        Assert.Equal("1", values["A"]);
        Assert.Equal("2", values["B"]);
    }

    [Theory]
    [InlineData("JUSTTEXT", 1)]
    [InlineData("A=1\n=novalue", 2)]
    [InlineData("A=1\nB=2\n9X=3", 3)]
    public void LineThatIsNotAnAssignment_IsReportedWithItsLineNumber(string text, int line)
    {
        var error = Assert.Throws<ConfigurationException>(() => DotEnvParser.Parse(text, ".env (/p/.env)"));

        Assert.StartsWith($".env (/p/.env) line {line}:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnclosedQuote_IsReported()
    {
        var error = Assert.Throws<ConfigurationException>(() => DotEnvParser.Parse("A=\"never closed\nB=2", ".env"));

        Assert.Contains("never closed", error.Message, StringComparison.Ordinal);
    }
}
