using System.Text.Json.Nodes;
using AzureOpenAI.Proxy.Cli;
using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Proxy.Tests.Lifecycle;

namespace AzureOpenAI.Proxy.Tests.ResponsesApi;

/// <summary><c>status</c> (and <c>config</c>, through the same summary) mark the deployments configuration sends to the Responses API.</summary>
public sealed class ApiStyleDisplayTests
{
    [Theory]
    [InlineData(null, null, "big=gpt-5-codex (responses) middle=team-model small=gpt-4o-mini")]
    [InlineData(null, "team-model", "big=gpt-5-codex (responses) middle=team-model (responses) small=gpt-4o-mini")]
    [InlineData("chat", "team-model", "big=gpt-5-codex middle=team-model small=gpt-4o-mini")]
    [InlineData("responses", null, "big=gpt-5-codex (responses) middle=team-model (responses) small=gpt-4o-mini (responses)")]
    public void Status_ShowsTheApiEachDeploymentUses(string? apiStyle, string? responsesModels, string expected)
    {
        using var temp = new TempFolder();
        var environment = new Dictionary<string, string>
        {
            ["HOME"] = temp.Path,
            ["AZURE_OPENAI_HOME"] = temp.File("home"),
            ["OPENAI_BASE_URL"] = "https://res.openai.azure.com",
            ["OPENAI_API_KEY"] = "test-key",
            ["BIG_MODEL"] = "gpt-5-codex",
            ["MIDDLE_MODEL"] = "team-model",
            ["SMALL_MODEL"] = "gpt-4o-mini",
        };
        if (apiStyle is not null) environment["API_STYLE"] = apiStyle;
        if (responsesModels is not null) environment["RESPONSES_MODELS"] = responsesModels;
        var summary = ProviderSummary.From(ConfigSnapshot.Load(environment, temp.Path));
        var report = new StatusReport(false, null, null, null, null, "0.0.0", summary, new RoutingCheck(false, "not routed"), [], temp.File("log"), []);

        Assert.Contains($"deployments   {expected}\n", report.ToText(), StringComparison.Ordinal);
        Assert.Contains($"api           {apiStyle ?? "auto"}, api-version v1\n", report.ToText(), StringComparison.Ordinal);
        var apis = JsonNode.Parse(report.ToJson())!["deploymentApis"]!;
        Assert.Equal(expected.Contains("gpt-4o-mini (responses)", StringComparison.Ordinal) ? "responses" : "chat", (string?)apis["small"]);
        Assert.Equal(apiStyle == "chat" ? "chat" : "responses", (string?)apis["big"]);
    }
}
