using System.Text;
using System.Text.Json;
using AzureOpenAI.TestSupport;
using AzureOpenAI.Translation.Anthropic;
using AzureOpenAI.Translation.Mapping;
using Xunit;

namespace AzureOpenAI.Translation.Tests.Mapping;

/// <summary>
/// Prompt caching needs the translated prefix byte-stable from turn to turn: the prefix the upstream caches (system,
/// then tools, then the conversation so far) of turn N+1 starts with that of turn N, byte for byte, for the real
/// captured Claude Code requests (a first turn, and the turn that answers its tool call).
/// </summary>
public sealed class PrefixStabilityTests
{
    private const string Fixtures = "fixtures/claude-code-2.1.328/";

    [Fact]
    public void ChatCompletions_PrefixOfTheNextTurn_StartsWithThePrefixOfThisTurn() =>
        AssertStablePrefix(ChatCompletionsRequestMapper.Build, "messages", instructions: null);

    [Fact]
    public void Responses_PrefixOfTheNextTurn_StartsWithThePrefixOfThisTurn() =>
        AssertStablePrefix(ResponsesRequestMapper.Build, "input", instructions: "instructions");

    /// <summary>A system message added after an answer keeps the turns before it byte-stable (it is not folded into the system message).</summary>
    [Fact]
    public void ASystemMessageAddedLater_LeavesThePrefixUnchanged()
    {
        const string turn = """{"role":"user","content":"a"},{"role":"system","content":"Hook output."},{"role":"assistant","content":"b"},{"role":"user","content":"c"}""";
        var first = ChatBody($"[{turn}]");
        var next = ChatBody($$"""[{{turn}},{"role":"assistant","content":"d"},{"role":"system","content":"Now in plan mode."},{"role":"user","content":"e"}]""");

        Assert.True(next.StartsWith(first[..first.LastIndexOf(']')], StringComparison.Ordinal), next);
    }

    private static string ChatBody(string messages) =>
        Encoding.UTF8.GetString(ChatCompletionsRequestMapper.Build(
            RequestTranslation.Parse($$"""{"model":"gpt-4.1","max_tokens":100,"system":"Base.","messages":{{messages}}}"""),
            RequestTranslation.DefaultOptions with { Deployment = "gpt-4.1" }).Body.Span);

    private static void AssertStablePrefix(Func<MessagesRequest, DeploymentOptions, UpstreamRequest> build, string conversation, string? instructions)
    {
        var options = RequestTranslation.DefaultOptions with { Deployment = "gpt-5.1", IsReasoningModel = true, AcceptsPromptCacheKey = true };
        using var first = Translate(build, "first-turn", options);
        using var next = Translate(build, "tool-result-turn", options);

        var firstPrefix = Prefix(first.RootElement, conversation, instructions);
        var nextPrefix = Prefix(next.RootElement, conversation, instructions);

        Assert.True(first.RootElement.GetProperty(conversation).GetArrayLength() < next.RootElement.GetProperty(conversation).GetArrayLength());
        Assert.True(nextPrefix.StartsWith(firstPrefix, StringComparison.Ordinal), FirstDifference(firstPrefix, nextPrefix));
        Assert.Equal(first.RootElement.GetProperty("prompt_cache_key").GetString(), next.RootElement.GetProperty("prompt_cache_key").GetString());
    }

    private static JsonDocument Translate(Func<MessagesRequest, DeploymentOptions, UpstreamRequest> build, string capture, DeploymentOptions options)
    {
        using var captured = JsonDocument.Parse(File.ReadAllBytes(RepositoryPaths.Shared(Fixtures + capture + ".request.json")));
        var request = RequestTranslation.Parse(captured.RootElement.GetProperty("body").GetRawText());
        request.SessionId = captured.RootElement.GetProperty("headers").GetProperty("x-claude-code-session-id").GetString();
        return JsonDocument.Parse(build(request, options).Body);
    }

    /// <summary>The bytes as sent, in the order the model reads them: instructions (Responses), tools, then each conversation item.</summary>
    private static string Prefix(JsonElement body, string conversation, string? instructions)
    {
        var prefix = new StringBuilder();
        if (instructions is not null) prefix.Append(body.GetProperty(instructions).GetRawText());
        prefix.Append(body.GetProperty("tools").GetRawText());
        foreach (var item in body.GetProperty(conversation).EnumerateArray()) prefix.Append(item.GetRawText());
        return prefix.ToString();
    }

    private static string FirstDifference(string first, string next)
    {
        var i = 0;
        while (i < first.Length && i < next.Length && first[i] == next[i]) i++;
        return $"the prefixes differ at byte {i}: …{first.Substring(Math.Max(0, i - 80), Math.Min(160, first.Length - Math.Max(0, i - 80)))}";
    }
}
