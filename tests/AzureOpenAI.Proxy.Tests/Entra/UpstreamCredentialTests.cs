using AzureOpenAI.Proxy.Cli;
using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Proxy.Upstream;

namespace AzureOpenAI.Proxy.Tests.Entra;

/// <summary>Which credential the settings select, what setup and status say about it, and what counts as missing.</summary>
public sealed class UpstreamCredentialTests
{
    private static readonly ProxySettings AzureEndpoint = new()
    {
        BaseUrl = new Uri("https://res.openai.azure.com"),
        Provider = ProviderKind.Azure,
    };

    [Theory]
    [InlineData("Azure", "k", null, null, "ApiKey")]
    [InlineData("Azure", null, null, null, "DefaultAzureCredential")]
    [InlineData("Azure", "k", null, "Entra", "DefaultAzureCredential")]
    [InlineData("Azure", "k", "t", null, "StaticEntraToken")]
    [InlineData("Azure", null, "t", "Entra", "StaticEntraToken")]
    [InlineData("Azure", "k", "t", "Key", "ApiKey")]
    [InlineData("OpenAI", "k", null, null, "ApiKey")]
    [InlineData("OpenAI", null, "t", "Entra", "None")]
    public void Resolve_PicksTheCredential(string provider, string? key, string? adToken, string? auth, string expected)
    {
        var settings = AzureEndpoint with
        {
            Provider = Enum.Parse<ProviderKind>(provider),
            ApiKey = key,
            AzureAdToken = adToken,
            AzureAuth = auth is null ? null : Enum.Parse<AzureAuthMode>(auth),
        };

        Assert.Equal(expected, UpstreamCredential.Resolve(settings).ToString());
    }

    [Fact]
    public void AzureEndpointWithoutKey_IsNotMissingAnything_ItMeansEntraId()
    {
        Assert.Null(ProviderSetup.MissingEndpoint(AzureEndpoint));
    }

    [Fact]
    public void AzureAuthKeyWithoutKey_SaysToSetTheKeyOrSwitchToEntra()
    {
        var missing = ProviderSetup.MissingEndpoint(AzureEndpoint with { AzureAuth = AzureAuthMode.Key });

        Assert.Equal("OPENAI_API_KEY is not set but AZURE_AUTH=key: run `azure-openai setup`, or set it in the environment or in .env "
            + "(OPENAI_API_KEY=<key of res.openai.azure.com>, or AZURE_AUTH=entra to sign in with Microsoft Entra ID)", missing);
    }

    [Fact]
    public void KeyOfAnAzureEndpoint_IsNotSentWhenEntraIdIsInUse()
    {
        var profile = ProviderProfile.From(AzureEndpoint with { ApiKey = "k", AzureAuth = AzureAuthMode.Entra })!;
        using var request = new HttpRequestMessage(HttpMethod.Post, profile.ChatCompletionsUrl("gpt-4o"));

        profile.Authenticate(request);

        Assert.False(request.Headers.Contains("api-key"));
        Assert.Null(request.Headers.Authorization);
    }

    [Fact]
    public void SetupWithAuthEntra_WritesAzureAuthAndRemovesTheKey()
    {
        var answers = new SetupAnswers { Endpoint = "https://res.openai.azure.com", Auth = "entra" };

        var written = answers.ToConfigEnv();

        Assert.Equal("entra", written["AZURE_AUTH"]);
        Assert.True(written.ContainsKey("OPENAI_API_KEY"));
        Assert.Null(written["OPENAI_API_KEY"]);
    }

    [Fact]
    public void SetupWithAuthEntra_RefusesAKeyOnStdin()
    {
        var answers = new SetupAnswers
        {
            Endpoint = "https://res.openai.azure.com", Auth = "entra", ApiKey = "k", BigModel = "a", MiddleModel = "b", SmallModel = "c",
        };

        var problems = answers.Problems(EffectiveConfig.Merge([]));

        Assert.Equal(["--auth entra takes no API key: leave out --api-key-stdin"], problems);
    }

    [Theory]
    [InlineData("ApiKey", "key")]
    [InlineData("StaticEntraToken", "Entra ID (static token, AZURE_OPENAI_AD_TOKEN)")]
    [InlineData("DefaultAzureCredential", "Entra ID via DefaultAzureCredential (az login, managed identity, …)")]
    [InlineData("None", "none")]
    public void Describe_NamesTheCredentialWithoutTheSecret(string kind, string expected) =>
        Assert.Equal(expected, UpstreamCredential.Describe(Enum.Parse<UpstreamCredentialKind>(kind)));
}
