using System.Text.Json;
using System.Text.Json.Nodes;
using AzureOpenAI.Translation.Mapping;
using Xunit;
using AzureOpenAI.Translation.Answers;

namespace AzureOpenAI.Translation.Tests.Answers;

/// <summary>
/// Golden/Answers/&lt;case&gt;/upstream-response.json (a chat.completion; Golden/ResponsesApi/Answers for a Responses
/// <c>response</c>) → anthropic-response.json, compared with JsonNode.DeepEquals.
/// An optional options.json sets <c>model</c> and the client's <c>tools</c> (for the name map).
/// </summary>
public sealed class ResponseGoldenTests
{
    public const string MessageId = "msg_01XFDUDYJgAACzvnptvVoYEL";

    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Golden", "Answers");
    private static readonly string ResponsesRoot = Path.Combine(AppContext.BaseDirectory, "Golden", "ResponsesApi", "Answers");

    public static TheoryData<string> Cases() => CasesIn(Root);
    public static TheoryData<string> ResponsesCases() => CasesIn(ResponsesRoot);

    [Theory]
    [MemberData(nameof(Cases))]
    public void UpstreamResponse_TranslatesToGoldenAnthropicMessage(string name) =>
        AssertTranslatesToGolden(Path.Combine(Root, name), ChatResponseTranslator.ToMessagesResponse);

    [Theory]
    [MemberData(nameof(ResponsesCases))]
    public void ResponsesUpstreamResponse_TranslatesToGoldenAnthropicMessage(string name) =>
        AssertTranslatesToGolden(Path.Combine(ResponsesRoot, name),
            (body, messageId, requestedModel, toolNames) => ResponsesResponseTranslator.ToMessagesResponse(body, messageId, requestedModel, toolNames));

    private delegate TranslatedMessage Translate(ReadOnlySpan<byte> upstreamBody, string messageId, string requestedModel, ToolNameMap toolNames);

    private static TheoryData<string> CasesIn(string root) => [.. Directory.GetDirectories(root).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal)];

    private static void AssertTranslatesToGolden(string folder, Translate translate)
    {
        var (model, toolNames) = ReadOptions(folder);

        var actual = translate(File.ReadAllBytes(Path.Combine(folder, "upstream-response.json")), MessageId, model, toolNames).Json;
        File.WriteAllBytes(Path.Combine(folder, "anthropic-response.actual.json"), actual);

        var expected = JsonNode.Parse(File.ReadAllBytes(Path.Combine(folder, "anthropic-response.json")));
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(actual)),
            $"expected: {expected!.ToJsonString()}\nactual:   {System.Text.Encoding.UTF8.GetString(actual)}");
    }

    private static (string Model, ToolNameMap ToolNames) ReadOptions(string folder)
    {
        var toolNames = new ToolNameMap();
        var path = Path.Combine(folder, "options.json");
        if (!File.Exists(path)) return ("claude-sonnet-4-5-20250929", toolNames);
        using var options = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = options.RootElement;
        if (root.TryGetProperty("tools", out var tools))
            foreach (var tool in tools.EnumerateArray()) toolNames.ToUpstream(tool.GetString()!);
        return (root.TryGetProperty("model", out var m) ? m.GetString()! : "claude-sonnet-4-5-20250929", toolNames);
    }
}
