using System.Text.Json;
using AzureOpenAI.TestSupport;
using AzureOpenAI.Translation.Anthropic;
using AzureOpenAI.Translation.Tokens;
using Microsoft.ML.Tokenizers;
using Xunit;

namespace AzureOpenAI.Translation.Tests.Tokens;

public sealed class TokenCounterTests
{
    // OpenAI cookbook accounting: 3 per message + role ("user", "system", "assistant" are 1 token each) + content, + 3 priming.
    private const int PerUserMessage = 3 + 1;
    private const int Priming = 3;

    private static MessagesRequest Request(string json) => JsonSerializer.Deserialize(json, AnthropicJsonContext.Default.MessagesRequest)!;

    private static int Count(string json, string model = "gpt-4o") => TokenCounter.CountInputTokens(Request(json), model);

    [Fact]
    public void HelloWorld_IsTwoTokensPlusOverhead() =>
        Assert.Equal(PerUserMessage + 2 + Priming, Count("""{"messages":[{"role":"user","content":"hello world"}]}"""));

    [Fact]
    public void SystemStringAndBlocks_CountTheSame_AsOneSystemMessage()
    {
        const int expected = PerUserMessage + 2 + PerUserMessage + 2 + Priming;
        Assert.Equal(expected, Count("""{"system":"hello world","messages":[{"role":"user","content":"hello world"}]}"""));
        Assert.Equal(expected, Count("""{"system":[{"type":"text","text":"hello world","cache_control":{"type":"ephemeral"}}],"messages":[{"role":"user","content":[{"type":"text","text":"hello world"}]}]}"""));
    }

    [Fact]
    public void ThinkingText_CountsLikeText_RedactedThinkingCountsNothing()
    {
        var text = Count("""{"messages":[{"role":"assistant","content":[{"type":"text","text":"hello world"}]}]}""");
        Assert.Equal(text, Count("""{"messages":[{"role":"assistant","content":[{"type":"thinking","thinking":"hello world","signature":"sig"}]}]}"""));
        Assert.Equal(text - 2, Count("""{"messages":[{"role":"assistant","content":[{"type":"redacted_thinking","data":"opaque"}]}]}"""));
    }

    [Fact]
    public void ToolUse_CountsIdNameAndCompactInputJson()
    {
        var toolUse = Count("""{"messages":[{"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"Bash","input":{ "command" : "ls -la" }}]}]}""");
        var sameAsText = Count("""{"messages":[{"role":"assistant","content":[{"type":"text","text":"toolu_1"},{"type":"text","text":"Bash"},{"type":"text","text":"{\"command\":\"ls -la\"}"}]}]}""");
        Assert.Equal(sameAsText, toolUse);
    }

    [Fact]
    public void ToolResult_StringAndBlockContent_CountIdAndText()
    {
        var asString = Count("""{"messages":[{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"hello world"}]}]}""");
        var asBlocks = Count("""{"messages":[{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":[{"type":"text","text":"hello world"}],"is_error":true}]}]}""");
        var asText = Count("""{"messages":[{"role":"user","content":[{"type":"text","text":"toolu_1"},{"type":"text","text":"hello world"}]}]}""");
        Assert.Equal(asText, asString);
        Assert.Equal(asText, asBlocks);
    }

    [Fact]
    public void DocumentText_CountsTitleAndData()
    {
        var document = Count("""{"messages":[{"role":"user","content":[{"type":"document","title":"hello world","source":{"type":"text","media_type":"text/plain","data":"hello world"}}]}]}""");
        Assert.Equal(PerUserMessage + 2 + 2 + Priming, document);
    }

    [Fact]
    public void ToolDefinitions_CountNameDescriptionAndSchema()
    {
        var without = Count("""{"messages":[{"role":"user","content":"hello world"}]}""");
        var with = Count("""{"messages":[{"role":"user","content":"hello world"}],"tools":[{"name":"Bash","description":"hello world","input_schema":{"type":"object"}}]}""");
        var o200k = TiktokenTokenizer.CreateForEncoding("o200k_base"); // the schema's JSON has no well-known count
        Assert.Equal(without + o200k.CountTokens("Bash") + 2 + o200k.CountTokens("""{"type":"object"}"""), with);
    }

    [Fact]
    public void Base64Png_UsesTileRule_AndUrlImage_UsesUnknownSize()
    {
        var png = TestImages.PngBase64(1024, 1024);
        Assert.Equal(PerUserMessage + 765 + Priming,
            Count($$$"""{"messages":[{"role":"user","content":[{"type":"image","source":{"type":"base64","media_type":"image/png","data":"{{{png}}}"}}]}]}"""));
        var small = TestImages.PngBase64(64, 64);
        Assert.Equal(PerUserMessage + 255 + Priming,
            Count($$$"""{"messages":[{"role":"user","content":[{"type":"image","source":{"type":"base64","media_type":"image/png","data":"{{{small}}}"}}]}]}"""));
        Assert.Equal(PerUserMessage + 765 + Priming,
            Count("""{"messages":[{"role":"user","content":[{"type":"image","source":{"type":"url","url":"https://example.com/a.png"}}]}]}"""));
    }

    [Fact]
    public void ImageInsideToolResult_IsCounted()
    {
        var small = TestImages.PngBase64(64, 64);
        var withImage = Count($$$"""{"messages":[{"role":"user","content":[{"type":"tool_result","tool_use_id":"t","content":[{"type":"image","source":{"type":"base64","media_type":"image/png","data":"{{{small}}}"}}]}]}]}""");
        var withoutImage = Count("""{"messages":[{"role":"user","content":[{"type":"tool_result","tool_use_id":"t","content":[]}]}]}""");
        Assert.Equal(withoutImage + 255, withImage);
    }

    [Theory]
    [InlineData("gpt-4", true)]
    [InlineData("gpt-4-turbo", true)]
    [InlineData("gpt-4-32k", true)]
    [InlineData("gpt-35-turbo", true)]
    [InlineData("gpt-3.5-turbo", true)]
    [InlineData("gpt-4o", false)]
    [InlineData("gpt-4o-mini", false)]
    [InlineData("gpt-4.1", false)]
    [InlineData("gpt-5", false)]
    [InlineData("o3-mini", false)]
    [InlineData("my-gpt4", false)]
    [InlineData("llama3", false)]
    public void EncodingChoice_ByModelName(string model, bool cl100k) =>
        Assert.Equal(cl100k, TokenizerCatalog.UsesCl100k(model));

    [Fact]
    public void Cl100kModels_UseTheOlderEncoding()
    {
        // "hello world" is 2 tokens in both, so compare on text where the encodings differ: o200k merges more.
        const string json = """{"messages":[{"role":"user","content":"Les modèles de langue comptent les jetons différemment selon l'encodage choisi."}]}""";
        Assert.NotEqual(Count(json, "gpt-4o"), Count(json, "gpt-4"));
        Assert.Equal(Count(json, "gpt-4o"), Count(json, "deployment-with-any-name"));
    }

    [Theory]
    [InlineData("first-turn")]
    [InlineData("tool-result-turn")]
    public void ClaudeCodeFixture_CountIsPlausible(string fixture)
    {
        var path = RepositoryPaths.Shared($"fixtures/claude-code-2.1.328/{fixture}.request.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var request = document.RootElement.GetProperty("body").Deserialize(AnthropicJsonContext.Default.MessagesRequest)!;
        var count = TokenCounter.CountInputTokens(request, "gpt-4o");
        // ~50 KB of JSON, mostly English prose and tool schemas: about 4 characters per token.
        Assert.InRange(count, 8_000, 16_000);
    }
}
