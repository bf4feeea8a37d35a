using System.Text.Json.Nodes;
using AzureOpenAI.TestSupport.FakeUpstream;
using AzureOpenAI.Translation.Mapping;
using Xunit;
using static AzureOpenAI.Translation.Tests.Mapping.RequestTranslation;

namespace AzureOpenAI.Translation.Tests.Mapping;

/// <summary>
/// One case per model family: the Chat body a Claude Code-like request becomes (max-token parameter, sampling, stop,
/// parallel_tool_calls, reasoning_effort for effort "max" and for "minimal"-range budgets), accepted by the strict fake.
/// </summary>
public sealed class ModelParameterRulesTests
{
    private const string Request = """
        "temperature":0.7,"top_p":0.9,"stop_sequences":["END"],"thinking":{"type":"adaptive"},"output_config":{"effort":"max"},
        "tools":[{"name":"Bash","input_schema":{"type":"object","properties":{}}}],"tool_choice":{"type":"auto","disable_parallel_tool_use":true}
        """;

    [Theory]
    //          deployment           max-token parameter      sampling stop   parallel effort(max)  effort(low)
    [InlineData("gpt-4o",            "max_tokens",            true,    true,  true,    null,        null)]
    [InlineData("gpt-4.1-mini",      "max_tokens",            true,    true,  true,    null,        null)]
    [InlineData("o1",                "max_completion_tokens", false,   false, false,   "high",      "low")]
    [InlineData("o1-mini",           "max_completion_tokens", false,   false, false,   null,        null)]
    [InlineData("o3-mini",           "max_completion_tokens", false,   false, false,   "high",      "low")]
    [InlineData("o3",                "max_completion_tokens", false,   false, false,   "high",      "low")]
    [InlineData("o4-mini",           "max_completion_tokens", false,   false, false,   "high",      "low")]
    [InlineData("gpt-5",             "max_completion_tokens", false,   false, false,   "high",      "low")]
    [InlineData("gpt-5-mini",        "max_completion_tokens", false,   false, false,   "high",      "low")]
    [InlineData("gpt-5-chat",        "max_completion_tokens", false,   false, false,   null,        null)]
    [InlineData("gpt-5.1",           "max_completion_tokens", false,   false, false,   "high",      "low")]
    [InlineData("gpt-5.1-chat",      "max_completion_tokens", false,   false, false,   "medium",    "medium")]
    [InlineData("gpt-5.2",           "max_completion_tokens", false,   false, false,   "xhigh",     "low")]
    public void ChatParameters_FollowTheFamilyRules(string deployment, string maxTokensParameter, bool sampling, bool stop, bool parallel,
        string? effortForMax, string? effortForLow)
    {
        var options = RequestTranslation.DefaultOptions with { Deployment = deployment, IsReasoningModel = ModelFamilies.IsReasoning(deployment, RequestTranslation.ReasoningPrefixes) };
        var body = Translate(Minimal(Request), options);

        Assert.True(body.ContainsKey(maxTokensParameter), maxTokensParameter);
        Assert.Equal(sampling, body.ContainsKey("temperature") && body.ContainsKey("top_p"));
        Assert.Equal(stop, body.ContainsKey("stop"));
        Assert.Equal(parallel, body.ContainsKey("parallel_tool_calls"));
        Assert.Equal(effortForMax, (string?)body["reasoning_effort"]);
        var low = Translate(Minimal(Request.Replace("\"max\"", "\"low\"", StringComparison.Ordinal)), options);
        Assert.Equal(effortForLow, (string?)low["reasoning_effort"]);

        var rejection = StrictChatChecks.Check(body);
        Assert.True(rejection is null, rejection?.Body.ToJsonString());
    }

    [Theory]
    [InlineData("codex-mini", "low", "high")]
    [InlineData("o3-pro", "low", "high")]
    [InlineData("gpt-5-pro", "high", "high")]
    [InlineData("gpt-5-codex", "low", "high")]
    [InlineData("gpt-5.1-codex", "low", "high")]
    [InlineData("gpt-5.1-codex-mini", "low", "high")]
    [InlineData("gpt-5.1-codex-max", "low", "xhigh")]
    [InlineData("gpt-5.2-codex", "low", "xhigh")]
    public void ResponsesOnlyFamilies_AreRecognisedAndGetTheirEfforts(string deployment, string effortForMinimalBudget, string effortForMax)
    {
        Assert.True(ModelFamilies.IsResponsesOnly(deployment));
        // The proxy marks every Responses-only family a reasoning model (DeploymentOptionsFactory); the mapper trusts that.
        var options = RequestTranslation.DefaultOptions with { Deployment = deployment, IsReasoningModel = true };
        // A budget below 4096 asks for "low"; no codex or pro family takes "minimal", gpt-5-pro only "high".
        var budget = Build(Minimal("\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024}"), options);
        var max = Build(Minimal("\"thinking\":{\"type\":\"adaptive\"},\"output_config\":{\"effort\":\"max\"}"), options);

        Assert.Equal(effortForMinimalBudget, (string?)budget["reasoning"]!["effort"]);
        Assert.Equal(effortForMax, (string?)max["reasoning"]!["effort"]);
    }

    [Theory]
    [InlineData("gpt-5")]
    [InlineData("gpt-5.1")]
    [InlineData("gpt-4o")]
    [InlineData("o4-mini")]
    [InlineData("my-codex")]
    public void ChatFamilies_AreNotResponsesOnly(string deployment) => Assert.False(ModelFamilies.IsResponsesOnly(deployment));

    [Fact]
    public void ConfiguredReasoningPrefix_OverridesAnUnknownName() =>
        Assert.Same(ModelParameterRules.GenericReasoning, ModelParameterRules.For("my-gpt5", isReasoningModel: true));

    [Fact]
    public void KnownReasoningFamily_ConfiguredAsNonReasoning_GetsDefaultRules() =>
        Assert.Same(ModelParameterRules.Default, ModelParameterRules.For("o3-mini", isReasoningModel: false));

    [Fact]
    public void FamilyIsMatchedOnTheLastPathSegment() =>
        Assert.Equal("gpt-5.1-codex-max", ModelParameterRules.Find("openai/gpt-5.1-codex-max-2025")?.Family);

    private static JsonObject Build(string anthropicJson, DeploymentOptions options) =>
        JsonNode.Parse(ResponsesRequestMapper.Build(Parse(anthropicJson), options).Body.Span)!.AsObject();
}
