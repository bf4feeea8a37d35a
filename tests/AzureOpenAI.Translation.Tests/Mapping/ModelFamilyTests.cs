using AzureOpenAI.Translation.Mapping;
using Xunit;

namespace AzureOpenAI.Translation.Tests.Mapping;

public sealed class ModelFamilyTests
{
    [Theory]
    [InlineData("o1", true)]
    [InlineData("o3-mini", true)]
    [InlineData("O4-MINI", true)]
    [InlineData("gpt-5", true)]
    [InlineData("gpt-5.1", true)]
    [InlineData("gpt-5-mini-2025-08-07", true)]
    [InlineData("gpt-4o", false)]
    [InlineData("gpt-4.1-mini", false)]
    [InlineData("o3d-renderer", false)]
    [InlineData("my-gpt5", false)]
    public void IsReasoning_MatchesDefaultFamiliesAtANameBoundary(string deployment, bool expected) =>
        Assert.Equal(expected, ModelFamilies.IsReasoning(deployment, RequestTranslation.ReasoningPrefixes));

    [Fact]
    public void IsReasoning_UsesConfiguredPrefixes()
    {
        Assert.True(ModelFamilies.IsReasoning("my-gpt5", ["my-gpt5"]));
        Assert.False(ModelFamilies.IsReasoning("o3-mini", ["deepseek-reasoner"]));
    }

    [Theory]
    [InlineData("gpt-4o", 16384)]
    [InlineData("gpt-4o-2024-08-06", 16384)]
    [InlineData("gpt-4o-2024-05-13", 4096)]
    [InlineData("gpt-4o-mini", 16384)]
    [InlineData("gpt-4.1-nano", 32768)]
    [InlineData("gpt-4", 8192)]
    [InlineData("gpt-35-turbo", 4096)]
    [InlineData("o1-mini", 65536)]
    [InlineData("o3", 100000)]
    [InlineData("o4-mini", 100000)]
    [InlineData("gpt-5", 128000)]
    [InlineData("gpt-5.1-chat", 16384)]
    [InlineData("GPT-5-MINI", 128000)]
    public void OutputLimit_IsKnownForModelFamilies(string model, int limit) =>
        Assert.Equal(limit, ModelOutputLimits.For(model));

    [Theory]
    [InlineData("my-gpt4")]
    [InlineData("prod-chat")]
    [InlineData("gpt-40-experimental")]
    public void OutputLimit_IsUnknownForArbitraryDeploymentNames(string deployment) =>
        Assert.Null(ModelOutputLimits.For(deployment));
}
