using System.Text.Json;
using System.Text.Json.Nodes;
using AzureOpenAI.TestSupport;
using AzureOpenAI.Translation.Anthropic;
using AzureOpenAI.Translation.Tokens;
using Microsoft.ML.Tokenizers;
using Xunit;

namespace AzureOpenAI.Translation.Tests.Tokens;

public sealed class MemoizedTokenCountTests
{
    private static readonly TokenEncoding O200k = new("o200k_base", TiktokenTokenizer.CreateForEncoding("o200k_base"));
    private static readonly TokenEncoding Cl100k = new("cl100k_base", TiktokenTokenizer.CreateForEncoding("cl100k_base"));
    private static readonly string[] Fixtures = ["first-turn", "tool-result-turn"];

    /// <summary>Every Anthropic request of the golden corpus, and the captured Claude Code requests.</summary>
    public static TheoryData<string> Corpus() =>
    [
        .. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Golden"), "anthropic-request.json", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(AppContext.BaseDirectory, path)).Order(StringComparer.Ordinal),
        .. Fixtures.Select(FixturePath),
    ];

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Corpus_CountsEqualTheUncachedCount_ColdAndWarm_InBothEncodingsSharingOneCache(string path)
    {
        var request = Parse(ReadRequest(path));
        var cache = new TokenCountCache(8192);
        foreach (var encoding in (TokenEncoding[])[O200k, Cl100k, O200k, Cl100k])
            Assert.Equal(TokenCounter.CountInputTokens(request, encoding, null), TokenCounter.CountInputTokens(request, encoding, cache));
    }

    [Theory]
    [InlineData("first-turn")]
    [InlineData("tool-result-turn")]
    public void RandomEditsOfACapturedRequest_CountAsUncached(string fixture)
    {
        var random = new Random(fixture.Length);
        var body = JsonNode.Parse(ReadRequest(FixturePath(fixture)))!.AsObject();
        var cache = new TokenCountCache(8192);
        TokenCounter.CountInputTokens(Parse(body.ToJsonString()), O200k, cache);
        for (var edit = 0; edit < 40; edit++)
        {
            Edit(body, random, edit);
            var request = Parse(body.ToJsonString());
            Assert.Equal(TokenCounter.CountInputTokens(request, O200k, null), TokenCounter.CountInputTokens(request, O200k, cache));
        }
    }

    [Fact]
    public void ASecondIdenticalTurn_DoesNoTokenizerWork()
    {
        var tokenizer = new RecordingTokenizer(O200k.Tokenizer);
        var encoding = new TokenEncoding("o200k_base", tokenizer);
        var cache = new TokenCountCache(8192);
        var json = ReadRequest(FixturePath("tool-result-turn"));

        var first = TokenCounter.CountInputTokens(Parse(json), encoding, cache);
        var callsAfterFirst = tokenizer.Calls;
        var second = TokenCounter.CountInputTokens(Parse(json), encoding, cache);

        Assert.True(callsAfterFirst > 0);
        Assert.Equal(callsAfterFirst, tokenizer.Calls);
        Assert.Equal(first, second);
    }

    [Fact]
    public void ANewTurn_TokenizesOnlyTheNewMessage()
    {
        var tokenizer = new RecordingTokenizer(O200k.Tokenizer);
        var encoding = new TokenEncoding("o200k_base", tokenizer);
        var cache = new TokenCountCache(8192);
        var body = JsonNode.Parse(ReadRequest(FixturePath("tool-result-turn")))!.AsObject();
        TokenCounter.CountInputTokens(Parse(body.ToJsonString()), encoding, cache);
        var charsBefore = tokenizer.CharsEncoded;

        const string newText = "and now run the tests again, please";
        body["messages"]!.AsArray().Add(new JsonObject { ["role"] = "user", ["content"] = newText });
        TokenCounter.CountInputTokens(Parse(body.ToJsonString()), encoding, cache);

        Assert.Equal("user".Length + newText.Length, tokenizer.CharsEncoded - charsBefore); // a message unit is its role and content
    }

    [Fact]
    public void TheCacheIsBounded_AndKeepsWhatIsStillRead()
    {
        var cache = new TokenCountCache(4);
        cache.Add(1, 10);
        for (UInt128 key = 100; key < 110; key++)
        {
            Assert.True(cache.TryGet(1, out _)); // read every turn: copied forward, never dropped
            cache.Add(key, 1);
        }
        Assert.True(cache.TryGet(1, out var kept));
        Assert.Equal(10, kept);
        Assert.False(cache.TryGet(100, out _)); // two turnovers ago
        Assert.True(cache.TryGet(109, out _));
    }

    [Fact]
    public void TheSizeEstimate_IsAboutFourBytesAToken_ForAClaudeCodeRequest()
    {
        var request = Parse(ReadRequest(FixturePath("tool-result-turn")));
        var exact = TokenCounter.CountInputTokens(request, O200k, null);
        Assert.InRange(TokenCounter.EstimateFromSize(request), exact * 0.7, exact * 1.5);
    }

    /// <summary>One edit of the kinds a conversation makes between turns, or a change of something it resends.</summary>
    private static void Edit(JsonObject body, Random random, int edit)
    {
        var messages = body["messages"]!.AsArray();
        switch (random.Next(5))
        {
            case 0:
                messages.Add(new JsonObject { ["role"] = messages.Count % 2 == 0 ? "user" : "assistant", ["content"] = $"turn {edit}: {random.Next()}" });
                break;
            case 1 when messages.Count > 1:
                messages.RemoveAt(messages.Count - 1);
                break;
            case 2:
                var message = messages[random.Next(messages.Count)]!.AsObject();
                message["content"] = message["content"] is JsonArray blocks && blocks.Count > 0
                    ? new JsonArray([.. blocks.Select(b => b!.DeepClone()), new JsonObject { ["type"] = "text", ["text"] = $"edit {edit}" }])
                    : $"{message["content"]} edit {edit}";
                break;
            case 3 when body["tools"] is JsonArray { Count: > 0 } tools:
                var tool = tools[random.Next(tools.Count)]!.AsObject();
                tool["description"] = $"{tool["description"]} (edit {edit})";
                break;
            default:
                if (body["system"] is JsonArray { Count: > 0 } system)
                    system[random.Next(system.Count)]!["text"] = $"system edit {edit} {random.Next()}";
                else
                    body["system"] = $"system edit {edit}";
                break;
        }
    }

    private static string FixturePath(string fixture) => RepositoryPaths.Shared($"fixtures/claude-code-2.1.328/{fixture}.request.json");

    /// <summary>A golden request file, or a captured request's <c>body</c>.</summary>
    private static string ReadRequest(string path)
    {
        var full = Path.IsPathRooted(path) ? path : Path.Combine(AppContext.BaseDirectory, path);
        using var document = JsonDocument.Parse(File.ReadAllText(full));
        return document.RootElement.TryGetProperty("body", out var body) ? body.GetRawText() : document.RootElement.GetRawText();
    }

    private static MessagesRequest Parse(string json) => JsonSerializer.Deserialize(json, AnthropicJsonContext.Default.MessagesRequest)!;
}
