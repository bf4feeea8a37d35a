using System.Text.Json;
using System.Text.Json.Nodes;
using AzureOpenAI.TestSupport;
using AzureOpenAI.TestSupport.FakeUpstream;
using AzureOpenAI.Translation.Mapping;
using Xunit;

namespace AzureOpenAI.Translation.Tests.Mapping;

/// <summary>
/// The sanitizer's corpus: every tool schema the pinned Claude Code sends (the captures under ../shared), the 2.1.265
/// artifact pattern and the golden sanitizer case, each sent alone to the strict fake, which rejects what OpenAI's and
/// Azure's validators reject.
/// </summary>
public sealed class ToolSchemaCorpusTests
{
    private const string Artifact2_1_265 = """{"type":"object","properties":{"title":{"type":"string","pattern":"^(?!.*\\p{Cc}).{1,200}$"}},"required":["title"]}""";

    public static TheoryData<string> ClaudeCodeTools()
    {
        var data = new TheoryData<string>();
        foreach (var capture in (string[])["first-turn", "tool-result-turn"])
            data.Add($"fixtures/claude-code-2.1.328/{capture}.request.json");
        return data;
    }

    [Theory]
    [MemberData(nameof(ClaudeCodeTools))]
    public void EveryClaudeCodeToolSchema_IsAccepted(string capture)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(RepositoryPaths.Shared(capture)));
        var tools = document.RootElement.GetProperty("body").GetProperty("tools");
        Assert.True(tools.GetArrayLength() >= 10);
        foreach (var tool in tools.EnumerateArray())
            Assert.Null(StrictChatChecks.Check(SendAlone(tool.GetProperty("input_schema").GetRawText(), ToolSchemaDialect.OpenAI)));
    }

    [Fact]
    public void The2_1_265ArtifactPattern_IsRejectedRawAndAcceptedSanitized()
    {
        Assert.NotNull(StrictChatChecks.Check(SendAlone(Artifact2_1_265, ToolSchemaDialect.Compatible)));
        Assert.Null(StrictChatChecks.Check(SendAlone(Artifact2_1_265, ToolSchemaDialect.OpenAI)));
    }

    [Theory]
    [InlineData("^[a-z0-9]+(?:-[a-z0-9]+)*$", true)]
    [InlineData("^(?P<word>\\w+)$", true)]
    [InlineData("^(?i)abc$", true)]
    [InlineData("^\\++[a-z]*?$", true)]
    [InlineData("[\\(?=]", true)]
    [InlineData("^(?!.*\\p{Cc}).*$", false)]
    [InlineData("^\\P{L}$", false)]
    [InlineData("^(?=a)", false)]
    [InlineData("(?<=a)b", false)]
    [InlineData("(?<!a)b", false)]
    [InlineData("(?<name>a)", false)]
    [InlineData("(a)\\1", false)]
    [InlineData("\\k<name>", false)]
    [InlineData("a++", false)]
    [InlineData("a{2}+", false)]
    [InlineData("(?>a)", false)]
    [InlineData("\\u{1F600}", false)]
    public void Patterns(string pattern, bool portable) => Assert.Equal(portable, SchemaPatterns.IsPortable(pattern));

    [Fact]
    public void CompatibleProviders_KeepPatternsAndReferences()
    {
        const string schema = """{"type":"object","properties":{"a":{"$ref":"#/$defs/A"}},"$defs":{"A":{"type":"string","pattern":"(?=x)"}}}""";
        var written = SendAlone(schema, ToolSchemaDialect.Compatible)["tools"]![0]!["function"]!["parameters"]!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(schema), written));
    }

    private static JsonObject SendAlone(string schema, ToolSchemaDialect dialect)
    {
        var request = RequestTranslation.Parse(
            $$"""{"model":"gpt-4.1","max_tokens":100,"messages":[{"role":"user","content":"hi"}],"tools":[{"name":"T","input_schema":{{schema}}}]}""");
        var body = ChatCompletionsRequestMapper.Build(request, RequestTranslation.DefaultOptions with { Deployment = "gpt-4.1", ToolSchemaDialect = dialect });
        return JsonNode.Parse(body.Body.Span)!.AsObject();
    }
}
