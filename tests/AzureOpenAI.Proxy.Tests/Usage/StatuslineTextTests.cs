using AzureOpenAI.Proxy.Usage;
using AzureOpenAI.TestSupport;

namespace AzureOpenAI.Proxy.Tests.Usage;

public class StatuslineTextTests
{
    private static readonly string Sample = StatuslineSample.Json;

    [Fact]
    public void ClaudeCodesJson_GivesTheSessionModelAndContextUsed() =>
        Assert.Equal(new StatuslineInput("3f1c2b9e-7a4d-4c61-9a0e-5b8f2d7c1e42", "claude-opus-4-5-20251101", "Opus 4.5", 42),
            StatuslineInput.Parse(Sample));

    [Fact]
    public void WithoutUsedPercentage_ContextUsedIsComputedFromTheLatestCall() =>
        Assert.Equal(41.985, StatuslineInput.Parse(Sample.Replace("\"used_percentage\": 42,", "")).ContextUsedPercent!.Value, 3);

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"model\": 3, \"context_window\": {\"used_percentage\": \"x\"}}")]
    public void AnythingElse_ReadsAsUnknown(string json) => Assert.Equal(StatuslineInput.Empty, StatuslineInput.Parse(json));

    [Fact]
    public void TheLine_ShowsDeploymentContextCacheAndCost()
    {
        var figures = new SessionFigures("gpt-5", 12, 0.873, 0.4182m, BudgetLevel.Ok, null, 0.1);

        Assert.Equal("⎈ gpt-5 │ ctx 42% │ cache 87% │ $0.418", StatuslineText.Line(StatuslineInput.Parse(Sample), figures, "local"));
    }

    [Fact]
    public void ABudgetPast75Percent_IsMarked()
    {
        var figures = new SessionFigures("gpt-5", 1, null, 12m, BudgetLevel.Warning, BudgetGuard.Daily, 0.8);

        Assert.Equal("⎈ gpt-5 │ cache – │ $12.00 │ ⚠ daily budget 80%", StatuslineText.Line(StatuslineInput.Empty, figures, null));
    }

    [Fact]
    public void WhenTheProxyDoesNotAnswer_TheLineSaysSo_WithTheLocallyRoutedDeployment() =>
        Assert.Equal("⎈ my-gpt5 │ ctx 42% │ ✖ proxy down", StatuslineText.Line(StatuslineInput.Parse(Sample), null, "my-gpt5"));
}

/// <summary>
/// Claude Code's statusline JSON, in the shape code.claude.com/docs/en/statusline documents for 2.1.x (session, model,
/// workspace, cost, context_window with current_usage): statusline-input.json beside this file.
/// </summary>
internal static class StatuslineSample
{
    public static string Path { get; } = System.IO.Path.Combine(RepositoryPaths.Root, "tests", "AzureOpenAI.Proxy.Tests", "Usage", "statusline-input.json");

    public static string Json { get; } = File.ReadAllText(Path);
}
