using AzureOpenAI.Proxy.Configuration;
using Microsoft.Extensions.Logging;

namespace AzureOpenAI.Proxy.Tests.Configuration;

public class ProxySettingsTests
{
    private static ProxySettings Load(params (string Name, string Value)[] environment) =>
        ProxySettings.Load(EffectiveConfig.Merge([ConfigLayers.Defaults(), Layer("environment", environment)]));

    private static ConfigLayer Layer(string source, params (string Name, string Value)[] values) =>
        new(source, values.ToDictionary(v => v.Name, v => v.Value));

    [Fact]
    public void NothingSet_GivesDesignDefaults()
    {
        var settings = Load();

        Assert.Equal(8082, settings.Port);
        Assert.Equal("127.0.0.1", settings.Host);
        Assert.Equal(131072, settings.MaxTokensLimit);
        Assert.Equal(TimeSpan.FromSeconds(300), settings.RequestTimeout);
        Assert.Equal(LogLevel.Information, settings.LogLevel);
        Assert.Equal(["o1", "o3", "o4", "gpt-5"], settings.ReasoningModels);
        Assert.Equal(2, settings.MaxRetries);
        Assert.Null(settings.BaseUrl);
        Assert.Null(settings.ApiKey);
    }

    [Fact]
    public void HigherLayer_WinsAndKeepsItsSource()
    {
        var config = EffectiveConfig.Merge([ConfigLayers.Defaults(), Layer(".env (x)", ("PORT", "9000"), ("BIG_MODEL", "gpt-5")), Layer("environment", ("PORT", "9100"))]);

        Assert.Equal(new ConfigValue("9100", "environment"), config.Find("PORT"));
        Assert.Equal(new ConfigValue("gpt-5", ".env (x)"), config.Find("BIG_MODEL"));
        Assert.Equal(new ConfigValue("131072", "default"), config.Find("MAX_TOKENS_LIMIT"));
    }

    [Fact]
    public void EmptyValueInHigherLayer_DoesNotHideLowerValue()
    {
        var config = EffectiveConfig.Merge([Layer(".env", ("OPENAI_API_KEY", "k")), Layer("environment", ("OPENAI_API_KEY", ""))]);

        Assert.Equal("k", config.Get("OPENAI_API_KEY"));
    }

    [Fact]
    public void UnrelatedVariables_AreNotKept()
    {
        var config = EffectiveConfig.Merge([Layer("environment", ("PATH", "/bin"), ("HOME", "/root"))]);

        Assert.Empty(config.Values);
    }

    [Theory]
    [InlineData("PORT", "abc", "PORT (from environment): \"abc\" is not a whole number")]
    [InlineData("PORT", "70000", "PORT (from environment): 70000 is out of range (0–65535)")]
    [InlineData("REQUEST_TIMEOUT", "-5", "REQUEST_TIMEOUT (from environment): \"-5\" is not a whole number")]
    [InlineData("MAX_TOKENS_LIMIT", "0", "MAX_TOKENS_LIMIT (from environment): 0 is out of range (1–10000000)")]
    [InlineData("PROVIDER", "bedrock", "PROVIDER (from environment): unknown provider \"bedrock\" (expected azure, openai or auto)")]
    [InlineData("HOST", "my host", "HOST (from environment): \"my host\" is not an IP address or localhost (e.g. 127.0.0.1)")]
    [InlineData("LOG_LEVEL", "loud", "LOG_LEVEL (from environment): unknown log level \"loud\" (expected debug, info, warning or error)")]
    public void InvalidValue_FailsWithOneLineNamingVariableSourceAndProblem(string name, string value, string expected)
    {
        var error = Assert.Throws<ConfigurationException>(() => Load((name, value)));

        Assert.Equal(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://example.com")]
    [InlineData("example.openai.azure.com")]
    [InlineData("https://x.openai.azure.com/?api-version=2024-10-21")]
    public void MalformedBaseUrl_IsRejectedNamingTheVariable(string url)
    {
        var error = Assert.Throws<ConfigurationException>(() => Load(("OPENAI_BASE_URL", url)));

        Assert.StartsWith("OPENAI_BASE_URL (from environment): ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://res.openai.azure.com/", null, true)]
    [InlineData("https://res.cognitiveservices.azure.com", null, true)]
    [InlineData("https://res.services.ai.azure.com", null, true)]
    [InlineData("https://contoso-apim.azure-api.net/team-a", null, true)]
    [InlineData("https://gateway.example.com", "2024-10-21", true)]
    [InlineData("https://api.openai.com/v1", null, false)]
    [InlineData("http://localhost:11434/v1", null, false)]
    public void ProviderAuto_DetectsAzureByHostOrApiVersion(string url, string? apiVersion, bool azure)
    {
        var settings = apiVersion is null ? Load(("OPENAI_BASE_URL", url)) : Load(("OPENAI_BASE_URL", url), ("AZURE_API_VERSION", apiVersion));

        Assert.Equal(azure ? ProviderKind.Azure : ProviderKind.OpenAI, settings.Provider);
    }

    [Fact]
    public void ExplicitProvider_OverridesDetection()
    {
        var settings = Load(("OPENAI_BASE_URL", "https://res.openai.azure.com"), ("PROVIDER", "openai"));

        Assert.Equal(ProviderKind.OpenAI, settings.Provider);
    }

    [Fact]
    public void Credential_IsTheOneTheSettingsSelect_AlsoInACopy()
    {
        var keyless = Load(("OPENAI_BASE_URL", "https://res.openai.azure.com"));

        Assert.Equal(UpstreamCredentialKind.DefaultAzureCredential, keyless.Credential);
        Assert.Equal(UpstreamCredentialKind.ApiKey, (keyless with { ApiKey = "k" }).Credential);
    }

    [Fact]
    public void ReasoningModels_IsACommaList()
    {
        Assert.Equal(["o1", "my-thinker"], Load(("REASONING_MODELS", " o1 , my-thinker ,")).ReasoningModels);
    }
}
