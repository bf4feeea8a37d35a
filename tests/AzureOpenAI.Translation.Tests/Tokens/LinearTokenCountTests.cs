using AzureOpenAI.TestSupport;
using AzureOpenAI.Translation.Tokens;
using Microsoft.ML.Tokenizers;
using Xunit;

namespace AzureOpenAI.Translation.Tests.Tokens;

public sealed class LinearTokenCountTests
{
    private static readonly Tokenizer O200k = TiktokenTokenizer.CreateForEncoding("o200k_base");
    private static readonly Tokenizer Cl100k = TiktokenTokenizer.CreateForEncoding("cl100k_base");

    private static Tokenizer Encoding(string name) => name == "cl100k" ? Cl100k : O200k;

    /// <summary>Unbroken runs of the kinds users paste; seeded, so every run sees the same text.</summary>
    public static TheoryData<string> RunKinds() => ["a", "lowercase", "base64", "hex", "spaces", "equals", "cjk", "emoji"];

    private static string Run(string kind, int length)
    {
        var random = new Random(length);
        var bytes = new byte[length];
        random.NextBytes(bytes);
        var text = kind switch
        {
            "a" => new string('a', length),
            "lowercase" => new string([.. bytes.Select(b => (char)('a' + b % 26))]),
            "base64" => Convert.ToBase64String(bytes),
            "hex" => Convert.ToHexStringLower(bytes),
            "spaces" => new string(' ', length),
            "equals" => new string('=', length),
            "cjk" => new string([.. bytes.Select(b => (char)(0x4E00 + b * 7))]),
            "emoji" => string.Concat(bytes.Take(length / 2).Select(b => char.ConvertFromUtf32(0x1F600 + b % 64))),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        return text[..ChunkedBpe.WholeChars(text, length)];
    }

    [Theory]
    [InlineData("o200k")]
    [InlineData("cl100k")]
    public void NormalText_CountsExactlyAsTheUnsplitTokenizer(string encoding)
    {
        var tokenizer = Encoding(encoding);
        var fixture = File.ReadAllText(RepositoryPaths.Shared("fixtures/claude-code-2.1.328/tool-result-turn.request.json"));
        const string mixed = "Grüße, 世界! 😀 naïve café — \"quotes\" {json: [1,2,3]}\r\n\tindented  <|endoftext|> x\u0301 ";
        foreach (var text in (string[])[fixture, string.Concat(Enumerable.Repeat(mixed, 50)), "hello world"])
            Assert.Equal(tokenizer.CountTokens(text), LinearTokenCount.Count(tokenizer, text));
    }

    [Theory]
    [MemberData(nameof(RunKinds))]
    public void RunsUpTo20kChars_AreWithinOnePercentOfTheUnsplitCount(string kind)
    {
        foreach (var length in (int[])[300, 2_000, 20_000])
        {
            var text = $"before {Run(kind, length)} after";
            var exact = O200k.CountTokens(text);
            Assert.InRange(LinearTokenCount.Count(O200k, text), exact * 0.99, exact * 1.01);
        }
    }

    [Theory]
    [InlineData("base64")]
    [InlineData("hex")]
    public void SampledRun_EstimateIsWithinOnePercentOfTheUnsplitCount(string kind)
    {
        // Exact counting of these kinds is linear (short pre-tokens), so the exact count is affordable here.
        var text = Run(kind, 4 * LinearTokenCount.SampledRunChars);
        var exact = O200k.CountTokens(text);
        Assert.InRange(LinearTokenCount.Count(O200k, text), exact * 0.99, exact * 1.01);
    }

    [Theory]
    [MemberData(nameof(RunKinds))]
    public void OneMegabyteRun_GivesBpeOnlyBoundedInputs(string kind)
    {
        var tokenizer = new RecordingTokenizer(O200k);

        var count = LinearTokenCount.Count(tokenizer, Run(kind, 1_000_000));

        Assert.True(count > 0);
        Assert.InRange(tokenizer.LongestBpeInput, 1, ChunkedBpe.WindowChars);
        Assert.InRange(tokenizer.CharsEncoded, 1, LinearTokenCount.Samples * LinearTokenCount.SampleChars);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("spaces")]
    public void RunBelowSampling_IsEncodedInBoundedWindows_AboutOnce(string kind)
    {
        const int length = 60_000;
        var tokenizer = new RecordingTokenizer(O200k);

        LinearTokenCount.Count(tokenizer, Run(kind, length));

        Assert.InRange(tokenizer.LongestBpeInput, 1, ChunkedBpe.WindowChars);
        Assert.InRange(tokenizer.CharsEncoded, length, 2L * length); // windows overlap by one token, not more
    }
}
