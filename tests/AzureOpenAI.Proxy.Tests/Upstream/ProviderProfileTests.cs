using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Proxy.Upstream;
using AzureOpenAI.Proxy.Upstream.Pools;
using AzureOpenAI.Translation.Anthropic;
using AzureOpenAI.Translation.Mapping;

namespace AzureOpenAI.Proxy.Tests.Upstream;

public class ProviderProfileTests
{
    [Theory]
    [InlineData("https://res.openai.azure.com", "https://res.openai.azure.com/openai/deployments/my-gpt4/chat/completions?api-version=2024-10-21")]
    [InlineData("https://res.openai.azure.com/", "https://res.openai.azure.com/openai/deployments/my-gpt4/chat/completions?api-version=2024-10-21")]
    [InlineData("https://res.openai.azure.com/openai", "https://res.openai.azure.com/openai/deployments/my-gpt4/chat/completions?api-version=2024-10-21")]
    public void AzureDatedVersion_UsesDeploymentUrlWithoutModelInBody(string baseUrl, string expected)
    {
        var profile = new ProviderProfile(ProviderKind.Azure, new Uri(baseUrl), "2024-10-21", "k");

        Assert.Equal(expected, profile.ChatCompletionsUrl("my-gpt4").AbsoluteUri);
        Assert.False(profile.SendsModel);
    }

    [Theory]
    [InlineData("https://res.openai.azure.com")]
    [InlineData("https://res.openai.azure.com/openai/v1/")]
    public void AzureV1_UsesV1PathAndSendsTheDeploymentAsModel(string baseUrl)
    {
        var profile = new ProviderProfile(ProviderKind.Azure, new Uri(baseUrl), null, "k");

        Assert.Equal("https://res.openai.azure.com/openai/v1/chat/completions", profile.ChatCompletionsUrl("gpt-5").AbsoluteUri);
        Assert.True(profile.SendsModel);
        Assert.Equal("v1", profile.ApiVersion);
    }

    [Theory]
    [InlineData("https://api.openai.com/v1", "https://api.openai.com/v1/chat/completions")]
    [InlineData("http://localhost:11434/v1/", "http://localhost:11434/v1/chat/completions")]
    public void OpenAICompatible_AppendsChatCompletions(string baseUrl, string expected)
    {
        var profile = new ProviderProfile(ProviderKind.OpenAI, new Uri(baseUrl), null, "k");

        Assert.Equal(expected, profile.ChatCompletionsUrl("gpt-4o").AbsoluteUri);
        Assert.True(profile.SendsModel);
    }

    [Fact]
    public void Azure_SendsTheKeyAsApiKeyHeader()
    {
        using var request = new HttpRequestMessage();
        new ProviderProfile(ProviderKind.Azure, new Uri("https://res.openai.azure.com"), null, "secret").Authenticate(request);

        Assert.Equal("secret", request.Headers.GetValues("api-key").Single());
        Assert.Null(request.Headers.Authorization);
    }

    [Fact]
    public void OpenAICompatible_SendsBearer()
    {
        using var request = new HttpRequestMessage();
        new ProviderProfile(ProviderKind.OpenAI, new Uri("https://api.openai.com/v1"), null, "secret").Authenticate(request);

        Assert.Equal("Bearer secret", request.Headers.Authorization!.ToString());
        Assert.False(request.Headers.Contains("api-key"));
    }

    [Fact]
    public void KeylessServer_GetsNoAuthHeader()
    {
        using var request = new HttpRequestMessage();
        new ProviderProfile(ProviderKind.OpenAI, new Uri("http://localhost:11434/v1"), null, null).Authenticate(request);

        Assert.Null(request.Headers.Authorization);
        Assert.Empty(request.Headers);
    }

    [Theory]
    [InlineData("https://api.deepseek.com/v1", "deepseek-chat", true)]
    [InlineData("https://res.services.ai.azure.com", "DeepSeek-R1", true)]
    [InlineData("https://res.openai.azure.com", "gpt-5", false)]
    public void DeepSeek_EchoesReasoningContent(string baseUrl, string deployment, bool expected)
    {
        var profile = new ProviderProfile(ProviderKind.OpenAI, new Uri(baseUrl), null, "k");

        Assert.Equal(expected, profile.EchoesReasoningContent(deployment));
    }

    [Fact]
    public void MaxTokensClamp_IsTheSmallestOfSettingFamilyAndLearnedLimit()
    {
        // A reservation ceiling above every cap, so that the cap alone decides.
        var settings = new ProxySettings { MaxTokensLimit = 100_000, MaxOutputReservation = 1_000_000 };
        var profile = new ProviderProfile(ProviderKind.Azure, new Uri("https://res.openai.azure.com"), "2024-10-21", "k");
        var learned = new LearnedOutputLimits();
        var factory = new DeploymentOptionsFactory(settings, learned);

        Assert.Equal(16_384, For(factory, profile, "gpt-4o").MaxTokensLimit);
        Assert.Equal(100_000, For(factory, profile, "my-gpt4").MaxTokensLimit);
        learned.Remember("my-gpt4", 4096);
        Assert.Equal(4096, For(factory, profile, "my-gpt4").MaxTokensLimit);
        Assert.False(For(factory, profile, "my-gpt4").SendModel);
    }

    [Theory]
    [InlineData("o3-mini", true)]
    [InlineData("gpt-5-chat", true)]
    [InlineData("openai/o4-mini", true)]
    [InlineData("codex-mini", true)] // Responses-only: no REASONING_MODELS prefix needed
    [InlineData("gpt-4o", false)]
    [InlineData("my-deployment", false)]
    public void ReasoningModels_AreRecognisedByPrefix(string deployment, bool expected)
    {
        var factory = new DeploymentOptionsFactory(new ProxySettings(), new LearnedOutputLimits());

        Assert.Equal(expected, For(factory, new ProviderProfile(ProviderKind.OpenAI, new Uri("https://api.openai.com/v1"), null, "k"), deployment)
            .IsReasoningModel);
    }

    private static DeploymentOptions For(DeploymentOptionsFactory factory, ProviderProfile profile, string deployment) =>
        factory.For(new Backend(deployment, profile, new BackendSpec(), new DeploymentApiStyles(new ProxySettings()), TimeProvider.System),
            PromptMeasure.Of(new MessagesRequest()));
}
