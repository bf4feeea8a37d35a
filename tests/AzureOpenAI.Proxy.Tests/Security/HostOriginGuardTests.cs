using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Proxy.Tests.Support;
using AzureOpenAI.TestSupport.FakeUpstream;

namespace AzureOpenAI.Proxy.Tests.Security;

/// <summary>Browsers and DNS rebinding cannot drive the proxy; programs without an Origin are unaffected.</summary>
public sealed class HostOriginGuardTests
{
    private const string Body = """{"model":"claude-sonnet-4-5","max_tokens":64,"messages":[{"role":"user","content":"hi"}]}""";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<(FakeUpstreamServer Fake, TestProxy Proxy)> StartAsync(Func<ProxySettings, ProxySettings>? configure = null)
    {
        var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        var settings = FakeUpstreamSettings.Azure(fake);
        return (fake, await TestProxy.StartAsync(configure?.Invoke(settings) ?? settings));
    }

    private static HttpRequestMessage Post(string path, string mediaType, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(Body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return request;
    }

    private static HttpRequestMessage Get(string path, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return request;
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string errorType)
    {
        Assert.Equal(status, response.StatusCode);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)).RootElement;
        Assert.Equal("error", json.GetProperty("type").GetString());
        Assert.Equal(errorType, json.GetProperty("error").GetProperty("type").GetString());
        Assert.DoesNotContain(response.Headers, h => h.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/json")]
    public async Task CrossOriginPost_Is403_AndNeverReachesTheUpstream(string mediaType)
    {
        var (fake, proxy) = await StartAsync();
        await using var _ = fake;
        await using var __ = proxy;

        using var response = await proxy.Http.SendAsync(Post("/v1/messages", mediaType, ("Origin", "https://evil.example")), Token);

        await AssertRefusedAsync(response, HttpStatusCode.Forbidden, "permission_error");
        Assert.Empty(fake.Requests);
    }

    [Theory]
    [InlineData("/v1/messages")]
    [InlineData("/v1/messages/count_tokens")]
    public async Task FormOrTextPost_WithoutOrigin_Is415(string path)
    {
        var (fake, proxy) = await StartAsync();
        await using var _ = fake;
        await using var __ = proxy;

        using var form = await proxy.Http.SendAsync(Post(path, "application/x-www-form-urlencoded"), Token);
        using var text = await proxy.Http.SendAsync(Post(path, "text/plain; charset=utf-8"), Token);

        await AssertRefusedAsync(form, HttpStatusCode.UnsupportedMediaType, "invalid_request_error");
        await AssertRefusedAsync(text, HttpStatusCode.UnsupportedMediaType, "invalid_request_error");
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task OriginNull_Is403_OnPostAndGet()
    {
        var (fake, proxy) = await StartAsync();
        await using var _ = fake;
        await using var __ = proxy;

        using var post = await proxy.Http.SendAsync(Post("/v1/messages", "application/json", ("Origin", "null")), Token);
        using var get = await proxy.Http.SendAsync(Get("/v1/models", ("Origin", "null")), Token);

        await AssertRefusedAsync(post, HttpStatusCode.Forbidden, "permission_error");
        await AssertRefusedAsync(get, HttpStatusCode.Forbidden, "permission_error");
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task ForeignHost_Is403_OnMessagesAndModels_WithOrWithoutToken()
    {
        var (fake, proxy) = await StartAsync(s => s with { ProxyAuthToken = "local-token" });
        await using var _ = fake;
        await using var __ = proxy;
        var port = proxy.Address.Port;

        foreach (var host in (string[])["evil.example", $"evil.example:{port}", "127.0.0.1:1", $"localhost:{port + 1}", $"127.0.0.1.evil.example:{port}"])
        {
            using var post = await proxy.Http.SendAsync(Post("/v1/messages", "application/json", ("Host", host), ("x-api-key", "local-token")), Token);
            using var get = await proxy.Http.SendAsync(Get("/v1/models", ("Host", host)), Token);
            await AssertRefusedAsync(post, HttpStatusCode.Forbidden, "permission_error");
            await AssertRefusedAsync(get, HttpStatusCode.Forbidden, "permission_error");
        }
        Assert.Empty(fake.Requests);
    }

    [Theory]
    [InlineData("OPTIONS", "https://evil.example")]
    [InlineData("OPTIONS", null)]
    public async Task CorsPreflight_GetsNoGrant(string method, string? origin)
    {
        var (fake, proxy) = await StartAsync();
        await using var _ = fake;
        await using var __ = proxy;
        using var request = new HttpRequestMessage(new HttpMethod(method), "/v1/messages");
        request.Headers.TryAddWithoutValidation("Access-Control-Request-Method", "POST");
        request.Headers.TryAddWithoutValidation("Access-Control-Request-Headers", "content-type,x-api-key");
        if (origin is not null) request.Headers.TryAddWithoutValidation("Origin", origin);

        using var response = await proxy.Http.SendAsync(request, Token);

        await AssertRefusedAsync(response, HttpStatusCode.Forbidden, "permission_error");
    }

    [Theory]
    [InlineData("localhost", true)]
    [InlineData("LOCALHOST", true)]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.8.9.10", true)]
    [InlineData("[::1]", true)]
    [InlineData("localhost", false)]
    public async Task LoopbackHost_WithTheListeningPortOrNone_IsServed(string name, bool withPort)
    {
        var (fake, proxy) = await StartAsync();
        await using var _ = fake;
        await using var __ = proxy;

        using var response = await proxy.Http.SendAsync(Get("/v1/models", ("Host", withPort ? $"{name}:{proxy.Address.Port}" : name)), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task JsonWithCharset_AndNoOrigin_ReachesTheUpstream()
    {
        var (fake, proxy) = await StartAsync();
        await using var _ = fake;
        await using var __ = proxy;

        using var response = await proxy.Http.SendAsync(Post("/v1/messages", "application/json; charset=utf-8"), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(fake.Requests);
    }

    [Fact]
    public async Task AllowListedHostAndOrigin_AreServed_OthersStillRefused()
    {
        var (fake, proxy) = await StartAsync(s => s with { AllowedHosts = ["proxy.lan"], AllowedOrigins = ["https://tool.example"] });
        await using var _ = fake;
        await using var __ = proxy;
        var port = proxy.Address.Port;

        using var allowed = await proxy.Http.SendAsync(
            Post("/v1/messages", "application/json", ("Host", $"PROXY.lan:{port}"), ("Origin", "https://tool.example/")), Token);
        using var otherOrigin = await proxy.Http.SendAsync(
            Post("/v1/messages", "application/json", ("Host", $"proxy.lan:{port}"), ("Origin", "https://tool.example.evil")), Token);
        using var otherHost = await proxy.Http.SendAsync(Get("/v1/models", ("Host", $"other.lan:{port}")), Token);

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        await AssertRefusedAsync(otherOrigin, HttpStatusCode.Forbidden, "permission_error");
        await AssertRefusedAsync(otherHost, HttpStatusCode.Forbidden, "permission_error");
        Assert.Single(fake.Requests);
    }

    [Fact]
    public void AllowedHostsAndOrigins_AreReadAsCommaLists()
    {
        var config = EffectiveConfig.Merge([new ConfigLayer("environment", new Dictionary<string, string>
        {
            [SettingNames.AllowedHosts] = "proxy.lan, 10.0.0.5",
            [SettingNames.AllowedOrigins] = "https://tool.example",
        })]);

        var settings = ProxySettings.Load(config);

        Assert.Equal(["proxy.lan", "10.0.0.5"], settings.AllowedHosts);
        Assert.Equal(["https://tool.example"], settings.AllowedOrigins);
    }
}
