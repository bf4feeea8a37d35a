using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Proxy.Tests.Support;
using AzureOpenAI.TestSupport.FakeUpstream;

namespace AzureOpenAI.Proxy.Tests.Entra;

/// <summary>The proxy in this process with a static AZURE_OPENAI_AD_TOKEN, and Azure's answer when key auth is disabled.</summary>
public sealed class EntraProxyTests
{
    private const string AdToken = "eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.static-ad-token.sig";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static ProxySettings Azure(FakeUpstreamServer fake, string apiVersion) =>
        FakeUpstreamSettings.Azure(fake, big: "gpt-4.1") with { ApiKey = null, AzureApiVersion = apiVersion };

    private static StringContent Message() =>
        new("""{"model":"claude-sonnet-4-5","max_tokens":50,"messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json");

    [Theory]
    [InlineData("v1")]
    [InlineData("2024-10-21")]
    public async Task StaticAdToken_IsSentAsBearer_EvenWhenAKeyIsAlsoSet(string apiVersion)
    {
        await using var fake = await FakeUpstreamServer.StartAsync(new FakeUpstreamOptions { EntraToken = AdToken }, Token);
        await using var proxy = await TestProxy.StartAsync(Azure(fake, apiVersion) with { AzureAdToken = AdToken, ApiKey = "a-key-that-must-not-be-sent" });

        for (var i = 0; i < 2; i++)
        {
            using var response = await proxy.Http.PostAsync("/v1/messages", Message(), Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.All(fake.Requests, r =>
        {
            Assert.Equal($"Bearer {AdToken}", r.Headers["Authorization"]);
            Assert.False(r.Headers.ContainsKey("api-key"));
        });
    }

    [Fact]
    public async Task AzureAnswersKeyAuthDisabled_Is401SuggestingEntraId()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        fake.Enqueue(FakeResponse.Json(JsonNode.Parse(
            """{"error":{"code":"AuthenticationTypeDisabled","message":"Key based authentication is disabled for this resource."}}""")!, 401));
        await using var proxy = await TestProxy.StartAsync(Azure(fake, "v1") with { ApiKey = fake.Options.ApiKey });

        using var response = await proxy.Http.PostAsync("/v1/messages", Message(), Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!["error"]!;
        Assert.Equal("authentication_error", (string?)error["type"]);
        Assert.Equal("Key authentication is disabled on this Azure resource (HTTP 401): Key based authentication is disabled for this resource. "
            + "Use Microsoft Entra ID instead: set AZURE_AUTH=entra and sign in with `az login` (or run `azure-openai setup --auth entra`).",
            (string?)error["message"]);
        Assert.Single(fake.Requests);
    }
}
