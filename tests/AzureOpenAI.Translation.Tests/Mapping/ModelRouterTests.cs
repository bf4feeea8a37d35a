using AzureOpenAI.Translation.Mapping;
using Xunit;

namespace AzureOpenAI.Translation.Tests.Mapping;

public sealed class ModelRouterTests
{
    private static readonly ModelRouter Router = new("gpt-5", "gpt-4.1", "gpt-4o-mini");

    [Theory]
    [InlineData("claude-opus-5-5[1m]", "gpt-5")]
    [InlineData("sonnet[1M]", "gpt-4.1")]
    [InlineData("claude-haiku-5-5", "gpt-4o-mini")]
    [InlineData("my-deployment[1m]", "my-deployment")]
    [InlineData("anthropic/gpt-5", "gpt-5")]
    public void Routes(string requested, string deployment) => Assert.Equal(deployment, Router.Route(requested));
}
