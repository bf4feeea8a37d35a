using AzureOpenAI.TestSupport;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace AzureOpenAI.Translation.Tests.Streaming;

/// <summary>
/// Golden/Streams/&lt;case&gt;/upstream-stream.sse (raw Chat Completions SSE; Golden/ResponsesApi/Streams for the Responses
/// API) → anthropic-stream.sse, compared event by event
/// (names equal, data compared with JsonNode.DeepEquals). Each case is replayed whole and one byte per read, and both
/// replays must produce identical bytes, which proves UTF-8 sequences split across reads survive. The replay runs the
/// proxy's own relay loop, so the end-of-stream rule applies: EOF before the upstream said it was done is an error. An optional
/// options.json sets <c>model</c>, <c>input_tokens_estimate</c> and the client's <c>tools</c> (for the name map).
/// The actual output is written beside the copied golden files as anthropic-stream.actual.sse for review.
/// </summary>
public sealed class StreamGoldenTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Golden", "Streams");
    private static readonly string ResponsesRoot = Path.Combine(AppContext.BaseDirectory, "Golden", "ResponsesApi", "Streams");

    public static TheoryData<string> Cases() => CasesIn(Root);
    public static TheoryData<string> ResponsesCases() => CasesIn(ResponsesRoot);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task UpstreamStream_TranslatesToGoldenAnthropicStream(string name) =>
        AssertTranslatesToGolden(Path.Combine(Root, name), o => () => StreamReplay.CreateTranslator(o.Model, o.Estimate, o.Tools));

    [Theory]
    [MemberData(nameof(ResponsesCases))]
    public Task ResponsesUpstreamStream_TranslatesToGoldenAnthropicStream(string name) =>
        AssertTranslatesToGolden(Path.Combine(ResponsesRoot, name), o => () => StreamReplay.CreateResponsesTranslator(o.Model, o.Estimate, o.Tools));

    private static TheoryData<string> CasesIn(string root) => [.. Directory.GetDirectories(root).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal)];

    private static async Task AssertTranslatesToGolden(string folder, Func<(string Model, int Estimate, string[] Tools), Func<Translation.Streaming.IAnthropicStreamTranslator>> factory)
    {
        var upstream = await File.ReadAllBytesAsync(Path.Combine(folder, "upstream-stream.sse"), TestContext.Current.CancellationToken);
        var create = factory(ReadOptions(folder));

        var whole = await StreamReplay.TranslateAsync(new MemoryStream(upstream), create());
        var bytewise = await StreamReplay.TranslateAsync(new OneBytePerReadStream(upstream), create());
        await File.WriteAllBytesAsync(Path.Combine(folder, "anthropic-stream.actual.sse"), whole, TestContext.Current.CancellationToken);

        Assert.Equal(Encoding.UTF8.GetString(whole), Encoding.UTF8.GetString(bytewise));
        AnthropicStreamAssert.WellFormed(whole);
        var expected = SseEvents.Parse(await File.ReadAllBytesAsync(Path.Combine(folder, "anthropic-stream.sse"), TestContext.Current.CancellationToken));
        var actual = SseEvents.Parse(whole);
        Assert.Equal(expected.Select(e => e.Event), actual.Select(e => e.Event));
        for (var i = 0; i < expected.Count; i++)
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected[i].Data), JsonNode.Parse(actual[i].Data)),
                $"event {i} ({expected[i].Event}) differs\nexpected: {expected[i].Data}\nactual:   {actual[i].Data}");
    }

    private static (string Model, int Estimate, string[] Tools) ReadOptions(string folder)
    {
        var optionsPath = Path.Combine(folder, "options.json");
        if (!File.Exists(optionsPath)) return ("claude-sonnet-4-5-20250929", 100, []);
        using var options = JsonDocument.Parse(File.ReadAllBytes(optionsPath));
        var root = options.RootElement;
        var model = root.TryGetProperty("model", out var m) ? m.GetString()! : "claude-sonnet-4-5-20250929";
        var estimate = root.TryGetProperty("input_tokens_estimate", out var e) ? e.GetInt32() : 100;
        var tools = root.TryGetProperty("tools", out var t) ? t.EnumerateArray().Select(x => x.GetString()!).ToArray() : [];
        return (model, estimate, tools);
    }
}
