using System.Net;
using System.Text;
using System.Text.Json;
using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Proxy.Tests.Support;

namespace AzureOpenAI.Proxy.Tests.Server;

public class EndpointTests
{
    private static readonly ProxySettings Configured = new()
    {
        BaseUrl = new Uri("https://res.openai.azure.com"),
        ApiKey = "upstream-key",
        Provider = ProviderKind.Azure,
        BigModel = "gpt-5",
        MiddleModel = "gpt-4.1",
        SmallModel = "gpt-4o-mini",
    };

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> ErrorOf(HttpResponseMessage response, string expectedType)
    {
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)).RootElement;
        Assert.Equal("error", json.GetProperty("type").GetString());
        Assert.Equal(expectedType, json.GetProperty("error").GetProperty("type").GetString());
        Assert.StartsWith("req_", json.GetProperty("request_id").GetString(), StringComparison.Ordinal);
        return json.GetProperty("error");
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Health_AnswersOkWithVersionAndProviderButNoSecrets()
    {
        await using var proxy = await TestProxy.StartAsync(Configured with { ProxyAuthToken = "local-token" });

        using var response = await proxy.Http.GetAsync("/health", Token);
        var text = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonDocument.Parse(text).RootElement;
        Assert.Equal("ok", json.GetProperty("status").GetString());
        Assert.Equal("azure", json.GetProperty("provider").GetString());
        Assert.False(string.IsNullOrEmpty(json.GetProperty("version").GetString()));
        Assert.DoesNotContain("upstream-key", text, StringComparison.Ordinal);
        Assert.DoesNotContain("local-token", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HeadAndGetRoot_AnswerHarmlesslyWithoutToken()
    {
        await using var proxy = await TestProxy.StartAsync(Configured with { ProxyAuthToken = "local-token" });

        using var head = await proxy.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/"), Token);
        using var get = await proxy.Http.GetAsync("/", Token);

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
    }

    [Fact]
    public async Task EveryResponse_CarriesARequestId()
    {
        await using var proxy = await TestProxy.StartAsync(Configured);

        using var health = await proxy.Http.GetAsync("/health", Token);
        using var missing = await proxy.Http.GetAsync("/v1/nothing-here", Token);
        using var bad = await proxy.Http.PostAsync("/v1/messages", Json("{"), Token);

        foreach (var response in (HttpResponseMessage[])[health, missing, bad])
        {
            var id = response.Headers.GetValues("request-id").Single();
            Assert.Matches("^req_[0-9A-Za-z]{24}$", id);
        }
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        await ErrorOf(missing, "not_found_error");
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("x-api-key", "wrong")]
    [InlineData("Authorization", "Bearer wrong")]
    [InlineData("Authorization", "Basic local-token")]
    public async Task TokenRequired_WrongOrMissingCredential_Is401(string? header, string? value)
    {
        await using var proxy = await TestProxy.StartAsync(Configured with { ProxyAuthToken = "local-token" });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        if (header is not null) request.Headers.TryAddWithoutValidation(header, value);

        using var response = await proxy.Http.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await ErrorOf(response, "authentication_error");
    }

    [Theory]
    [InlineData("x-api-key", "local-token")]
    [InlineData("Authorization", "Bearer local-token")]
    public async Task TokenRequired_XApiKeyOrBearer_IsAccepted(string header, string value)
    {
        await using var proxy = await TestProxy.StartAsync(Configured with { ProxyAuthToken = "local-token" });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        request.Headers.TryAddWithoutValidation(header, value);

        using var response = await proxy.Http.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task MalformedJson_Is400InvalidRequest()
    {
        await using var proxy = await TestProxy.StartAsync(Configured);

        using var response = await proxy.Http.PostAsync("/v1/messages?beta=true", Json("""{"model": "claude-sonnet-5-5", "messages": [ """), Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await ErrorOf(response, "invalid_request_error");
        Assert.Contains("not valid JSON", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"model":"claude-sonnet-5-5","max_tokens":"many","messages":[]}""", "max_tokens")]
    [InlineData("""{"model":"claude-sonnet-5-5","max_tokens":5,"messages":[{"role":7,"content":"hi"}]}""", "messages[0].role")]
    [InlineData("""{"model":"claude-sonnet-5-5","max_tokens":5,"messages":{}}""", "messages")]
    [InlineData("""{"model":"claude-sonnet-5-5","max_tokens":5,"messages":[],"stream":"yes"}""", "stream")]
    public async Task WrongFieldType_Is400NamingTheField(string body, string field)
    {
        await using var proxy = await TestProxy.StartAsync(Configured);

        using var response = await proxy.Http.PostAsync("/v1/messages", Json(body), Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await ErrorOf(response, "invalid_request_error");
        Assert.StartsWith(field + ":", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BodyOver32MB_Is413RequestTooLarge_BeforeTheBodyIsRead()
    {
        await using var proxy = await TestProxy.StartAsync(Configured);
        // A raw client: it announces 33 MB but sends one byte, as a client would stream a huge body; the proxy must
        // answer from the announced length without waiting for (or buffering) the rest.
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(proxy.Address.Host, proxy.Address.Port, Token);
        var stream = tcp.GetStream();
        var head = $"POST /v1/messages HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {33 * 1024 * 1024}\r\n\r\n{{";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), Token);

        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(Token);

        Assert.StartsWith("HTTP/1.1 413 ", text, StringComparison.Ordinal);
        Assert.Contains("\"type\":\"request_too_large\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingBaseUrl_StartsAnyway_AndEveryCallSaysWhatToSet()
    {
        await using var proxy = await TestProxy.StartAsync(new ProxySettings());

        using var health = await proxy.Http.GetAsync("/health", Token);
        using var response = await proxy.Http.PostAsync("/v1/messages", Json("""{"model":"claude-sonnet-5-5","max_tokens":5,"messages":[{"role":"user","content":"hi"}]}"""), Token);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("false", response.Headers.GetValues("x-should-retry").Single());
        var message = (await ErrorOf(response, "invalid_request_error")).GetProperty("message").GetString()!;
        Assert.StartsWith("OPENAI_BASE_URL is not set: run `azure-openai setup`", message, StringComparison.Ordinal);
        Assert.Contains("OPENAI_BASE_URL=https://<resource>.openai.azure.com", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingKeyForRemoteProvider_SaysToSetOpenAIApiKey()
    {
        // Without AZURE_AUTH=key, an Azure endpoint without a key means Entra ID (tests/…/Entra).
        await using var proxy = await TestProxy.StartAsync(Configured with { ApiKey = null, AzureAuth = AzureAuthMode.Key });

        using var response = await proxy.Http.PostAsync("/v1/messages", Json("""{"model":"claude-sonnet-5-5","max_tokens":5,"messages":[{"role":"user","content":"hi"}]}"""), Token);

        var message = (await ErrorOf(response, "invalid_request_error")).GetProperty("message").GetString()!;
        Assert.StartsWith("OPENAI_API_KEY is not set", message, StringComparison.Ordinal);
        Assert.Contains("res.openai.azure.com", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClaudeModelWithoutAnyTierDeployment_SaysWhichVariablesServeIt()
    {
        await using var proxy = await TestProxy.StartAsync(Configured with { BigModel = null, MiddleModel = null, SmallModel = null });

        using var response = await proxy.Http.PostAsync("/v1/messages", Json("""{"model":"claude-opus-5-5","max_tokens":5,"messages":[{"role":"user","content":"hi"}]}"""), Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await ErrorOf(response, "invalid_request_error")).GetProperty("message").GetString()!;
        Assert.Contains("claude-opus-5-5", message, StringComparison.Ordinal);
        Assert.Contains("BIG_MODEL", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingModel_Is400NamingModel()
    {
        await using var proxy = await TestProxy.StartAsync(Configured);

        using var response = await proxy.Http.PostAsync("/v1/messages", Json("""{"max_tokens":5,"messages":[]}"""), Token);

        Assert.Equal("model: field required", (await ErrorOf(response, "invalid_request_error")).GetProperty("message").GetString());
    }

    [Fact]
    public async Task Models_ListsClaudeAliasesOfConfiguredTiers_ThenDeploymentsForGatewayDiscovery()
    {
        await using var proxy = await TestProxy.StartAsync(Configured);

        var json = JsonDocument.Parse(await proxy.Http.GetStringAsync("/v1/models", Token)).RootElement;

        var ids = json.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()!).ToArray();
        Assert.Equal(["claude-opus-5-5", "claude-sonnet-5-5", "claude-haiku-5-5", "anthropic/gpt-5", "anthropic/gpt-4.1", "anthropic/gpt-4o-mini"], ids);
        Assert.False(json.GetProperty("has_more").GetBoolean());
        Assert.Equal("claude-opus-5-5", json.GetProperty("first_id").GetString());
        Assert.Equal("anthropic/gpt-4o-mini", json.GetProperty("last_id").GetString());
        var deployment = json.GetProperty("data")[3];
        Assert.Equal("gpt-5 on Azure", deployment.GetProperty("display_name").GetString());
        Assert.Contains("opus tier", deployment.GetProperty("description").GetString(), StringComparison.Ordinal);
        var first = json.GetProperty("data")[0];
        Assert.Equal("model", first.GetProperty("type").GetString());
        Assert.Contains("gpt-5", first.GetProperty("display_name").GetString(), StringComparison.Ordinal);
        Assert.True(DateTimeOffset.TryParse(first.GetProperty("created_at").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));
    }

    [Fact]
    public async Task Models_PagesWithLimitAndAfterId()
    {
        await using var proxy = await TestProxy.StartAsync(Configured);

        var page1 = JsonDocument.Parse(await proxy.Http.GetStringAsync("/v1/models?limit=2", Token)).RootElement;
        var page2 = JsonDocument.Parse(await proxy.Http.GetStringAsync("/v1/models?limit=2&after_id=claude-sonnet-5-5", Token)).RootElement;
        using var badLimit = await proxy.Http.GetAsync("/v1/models?limit=0", Token);

        Assert.True(page1.GetProperty("has_more").GetBoolean());
        Assert.Equal("claude-sonnet-5-5", page1.GetProperty("last_id").GetString());
        Assert.Equal("claude-haiku-5-5", page2.GetProperty("first_id").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
    }

    [Fact]
    public async Task ModelById_ReturnsOneOr404()
    {
        await using var proxy = await TestProxy.StartAsync(Configured);

        var model = JsonDocument.Parse(await proxy.Http.GetStringAsync("/v1/models/claude-haiku-5-5", Token)).RootElement;
        using var unknown = await proxy.Http.GetAsync("/v1/models/claude-unknown", Token);

        Assert.Equal("claude-haiku-5-5", model.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        await ErrorOf(unknown, "not_found_error");
    }
}
