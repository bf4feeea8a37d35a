using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;
using AzureOpenAI.TestSupport;
using AzureOpenAI.Translation.Mapping;

namespace AzureOpenAI.Translation.Tests.Mapping;

/// <summary>
/// One case per folder under Golden/Requests (Chat Completions) and Golden/ResponsesApi/Requests (Responses API): the Anthropic request (<c>anthropic-request.json</c>, or
/// <c>source.txt</c> naming a captured Claude Code request under ../shared, whose <c>body</c> is used), optional
/// <c>options.json</c> overrides of <see cref="DeploymentOptions"/>, and the exact upstream body expected
/// (<c>upstream-request.json</c>), compared as JSON. Run with <c>UPDATE_GOLDEN=1</c> to rewrite the expected files
/// in the source tree, then review the diff by eye before committing.
/// </summary>
public sealed class GoldenRequestTests
{
    private const string ChatKind = "Requests";
    private const string ResponsesKind = "ResponsesApi/Requests";

    public static TheoryData<string> Cases() => CasesOf(ChatKind);
    public static TheoryData<string> ResponsesCases() => CasesOf(ResponsesKind);

    [Theory]
    [MemberData(nameof(Cases))]
    public void UpstreamRequest_MatchesGolden(string caseName) => AssertMatchesGolden(ChatKind, caseName, ChatCompletionsRequestMapper.Build);

    [Theory]
    [MemberData(nameof(ResponsesCases))]
    public void ResponsesUpstreamRequest_MatchesGolden(string caseName) => AssertMatchesGolden(ResponsesKind, caseName, ResponsesRequestMapper.Build);

    private static TheoryData<string> CasesOf(string kind) =>
        new(Directory.GetDirectories(Path.Combine(AppContext.BaseDirectory, "Golden", kind)).Select(dir => Path.GetFileName(dir)!).Order(StringComparer.Ordinal));

    private static void AssertMatchesGolden(string kind, string caseName, Func<Translation.Anthropic.MessagesRequest, DeploymentOptions, UpstreamRequest> build)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Golden", kind, caseName);
        var translation = build(RequestTranslation.Parse(ReadAnthropicRequest(folder)), ReadOptions(folder));
        var actual = JsonNode.Parse(translation.Body.Span)!;

        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1") WriteExpected(kind, caseName, actual);
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "upstream-request.json")))!;
        if (!JsonNode.DeepEquals(expected, actual)) Assert.Equal(Indented(expected), Indented(actual));
    }

    private static string ReadAnthropicRequest(string folder)
    {
        var source = Path.Combine(folder, "source.txt");
        if (!File.Exists(source)) return File.ReadAllText(Path.Combine(folder, "anthropic-request.json"));
        var captured = RepositoryPaths.Shared(File.ReadAllText(source).Trim());
        using var document = JsonDocument.Parse(File.ReadAllBytes(captured));
        return document.RootElement.GetProperty("body").GetRawText();
    }

    /// <summary>Defaults (<see cref="RequestTranslation.DefaultOptions"/>) overlaid with the case's options.json.</summary>
    private static DeploymentOptions ReadOptions(string folder)
    {
        var path = Path.Combine(folder, "options.json");
        if (!File.Exists(path)) return RequestTranslation.DefaultOptions;
        var overrides = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        overrides.TryAdd(nameof(DeploymentOptions.Deployment), RequestTranslation.DefaultOptions.Deployment);
        overrides.TryAdd(nameof(DeploymentOptions.MaxTokensLimit), RequestTranslation.DefaultOptions.MaxTokensLimit);
        return overrides.Deserialize<DeploymentOptions>()!;
    }

    private static void WriteExpected(string kind, string caseName, JsonNode actual)
    {
        var path = Path.Combine(RepositoryPaths.Root, "tests", "AzureOpenAI.Translation.Tests", "Golden", kind, caseName, "upstream-request.json");
        File.WriteAllText(path, Indented(actual) + "\n", new UTF8Encoding(false));
    }

    private static readonly JsonSerializerOptions IndentedOptions = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static string Indented(JsonNode node) => node.ToJsonString(IndentedOptions);
}
