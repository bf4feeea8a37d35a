using System.Text;
using Xunit;
using AzureOpenAI.TestSupport;
using AzureOpenAI.Translation.Mapping;

namespace AzureOpenAI.Translation.Tests.Mapping;

/// <summary>
/// The README's tolerance table is <see cref="KnownShapes.MarkdownTable"/>, between two markers; run with
/// <c>UPDATE_README=1</c> to rewrite it after changing the code table.
/// </summary>
public sealed class KnownShapesTests
{
    private const string Start = "<!-- known-shapes:start (generated from KnownShapes.cs; UPDATE_README=1 rewrites it) -->";
    private const string End = "<!-- known-shapes:end -->";

    [Fact]
    public void Readme_ShowsTheCodeTable()
    {
        var path = Path.Combine(RepositoryPaths.Root, "README.md");
        var readme = File.ReadAllText(path);
        var start = readme.IndexOf(Start, StringComparison.Ordinal);
        var end = readme.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"README.md lacks the markers {Start} … {End}");
        var expected = Start + "\n" + KnownShapes.MarkdownTable() + "\n" + End;
        var actual = readme[start..(end + End.Length)];
        if (actual != expected && Environment.GetEnvironmentVariable("UPDATE_README") == "1")
            File.WriteAllText(path, readme[..start] + expected + readme[(end + End.Length)..], new UTF8Encoding(false));
        else Assert.Equal(expected, actual);
    }

    [Fact]
    public void NamesAreUnique()
    {
        var duplicates = KnownShapes.All.GroupBy(s => (s.Kind, s.Name)).Where(g => g.Count() > 1).Select(g => g.Key.Name);
        Assert.Empty(duplicates);
    }

    [Theory]
    [InlineData("web_search_20250305")]
    [InlineData("web_search_20290101")]
    [InlineData("advisor_20260301")]
    public void DatedServerToolFamilies_AreKnown(string type) => Assert.True(KnownShapes.IsKnown(ShapeKind.Tool, type));
}
