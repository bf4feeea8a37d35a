using Xunit;
using AzureOpenAI.TestSupport;
using AzureOpenAI.Translation.Mapping;

namespace AzureOpenAI.Translation.Tests.Mapping;

public sealed class ShapeSurveyTests
{
    [Fact]
    public void EveryUnknownKind_IsNamed()
    {
        var request = RequestTranslation.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", "Requests", "unknown-shapes", "anthropic-request.json")));

        var unknowns = ShapeSurvey.Unknowns(request, "claude-code-20250219, brand-new-beta-2027-01-01").Select(u => u.ToString());

        Assert.Equal(
        [
            "field future_top_level_field", "field metadata.future_metadata_field", "field output_config.future_output_field",
            "field thinking.future_thinking_field", "field tools[].future_tool_field",
            "block future_assistant_block", "block future_opaque_block", "block future_result_block", "block future_result_opaque",
            "block future_system_block", "block future_system_message_block", "block future_system_opaque", "block future_user_block",
            "tool type hologram_20270101", "beta brand-new-beta-2027-01-01",
        ], unknowns);
    }

    [Theory]
    [InlineData("fixtures/claude-code-2.1.328/first-turn.request.json")]
    [InlineData("fixtures/claude-code-2.1.328/tool-result-turn.request.json")]
    public void ThePinnedClaudeCode_SendsNothingUnknown(string capture)
    {
        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(RepositoryPaths.Shared(capture)));
        var request = RequestTranslation.Parse(document.RootElement.GetProperty("body").GetRawText());
        var beta = document.RootElement.GetProperty("headers").GetProperty("anthropic-beta").GetString();

        Assert.Empty(ShapeSurvey.Unknowns(request, beta));
    }
}
