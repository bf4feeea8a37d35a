using System.Net;
using System.Text;
using AzureOpenAI.Proxy.Tests.Support;
using AzureOpenAI.TestSupport.FakeUpstream;

namespace AzureOpenAI.Proxy.Tests.Server;

/// <summary>
/// <c>prompt_cache_key</c>: a hash of Claude Code's session id, the same on every turn of a session, sent where the
/// upstream accepts it (Azure v1) and never on a strict dated api-version, which the strict fake makes reject it.
/// </summary>
public sealed class PromptCacheKeyTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AzureV1_GetsOneKeyPerSession_AndNoSessionId()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        await using var proxy = await TestProxy.StartAsync(FakeUpstreamSettings.Azure(fake));

        var first = await SendAsync(proxy, fake, "session-a");
        var again = await SendAsync(proxy, fake, "session-a");
        var other = await SendAsync(proxy, fake, "session-b");

        Assert.NotNull(first);
        Assert.StartsWith("cc-", first);
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.DoesNotContain("session-a", fake.LastRequest.RawBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AzureDated2024_10_21_GetsNoKey_AndTheFakeRejectsOne()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        await using var proxy = await TestProxy.StartAsync(FakeUpstreamSettings.Azure(fake) with { AzureApiVersion = "2024-10-21" });

        Assert.Null(await SendAsync(proxy, fake, "session-a"));

        using var http = new HttpClient();
        using var direct = new HttpRequestMessage(HttpMethod.Post, new Uri(fake.BaseUri, "/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21"))
        {
            Content = new StringContent("""{"messages":[{"role":"user","content":"hi"}],"prompt_cache_key":"cc-1"}""", Encoding.UTF8, "application/json"),
        };
        direct.Headers.Add("api-key", fake.Options.ApiKey);
        using var rejected = await http.SendAsync(direct, Token);
        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        Assert.Contains("Unrecognized request argument supplied: prompt_cache_key", await rejected.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    private static async Task<string?> SendAsync(TestProxy proxy, FakeUpstreamServer fake, string session)
    {
        fake.Enqueue(FakeResponse.Json(ChatCompletionBodies.Text("hello")));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages")
        {
            Content = new StringContent("""{"model":"claude-sonnet-5-5","max_tokens":100,"messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Claude-Code-Session-Id", session);
        using var response = await proxy.Http.SendAsync(request, Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return fake.LastRequest.Body!["prompt_cache_key"]?.GetValue<string>();
    }
}
