using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Proxy.Server;
using AzureOpenAI.Proxy.Tests.Support;
using AzureOpenAI.TestSupport.FakeUpstream;

namespace AzureOpenAI.Proxy.Tests.Resilience;

/// <summary>
/// MAX_RETRIES against scripted upstream failures, counted at the fake: connection failures and 502/503/504 are retried
/// before any byte reaches the client, everything else (429 above all) is answered after exactly one request, and a
/// failure once streaming began is never retried. The backoff's base delay is 1 ms here, so nothing waits.
/// </summary>
public sealed class UpstreamRetryTests
{
    private static readonly ProxyHostOptions FastBackoff = new() { UpstreamRetryDelay = TimeSpan.FromMilliseconds(1) };

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static ProxySettings Azure(FakeUpstreamServer fake, int maxRetries = 2) =>
        FakeUpstreamSettings.Azure(fake, big: "gpt-4.1") with { MaxRetries = maxRetries };

    private static StringContent Message(bool stream = false) =>
        new($$"""{"model":"claude-sonnet-4-5","max_tokens":50,"stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"hi"}]}""",
            Encoding.UTF8, "application/json");

    private static FakeResponse Transient(int status) => FakeResponse.Error(status, $"upstream says {status}", type: null);

    private static async Task<JsonNode> ErrorOf(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!["error"]!;

    [Theory]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task TransientStatus_IsRetried_AndTheSameBodyIsResent(int status)
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        fake.Enqueue(Transient(status)).Enqueue(Transient(status));
        await using var proxy = await TestProxy.StartAsync(Azure(fake), FastBackoff);

        using var response = await proxy.Http.PostAsync("/v1/messages", Message(), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(FakeUpstreamServer.DefaultAnswer, await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(3, fake.Requests.Count);
        Assert.All(fake.Requests, r => Assert.Equal(fake.Requests[0].RawBody, r.RawBody));
    }

    [Theory]
    [InlineData(502, 0, 529, "overloaded_error")]
    [InlineData(503, 1, 529, "overloaded_error")]
    [InlineData(503, 2, 529, "overloaded_error")]
    [InlineData(504, 3, 504, "timeout_error")]
    public async Task TransientStatus_EveryTime_IsTriedMaxRetriesPlusOneTimes_ThenMapped(int status, int maxRetries, int expectedStatus, string expectedType)
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        for (var i = 0; i <= maxRetries + 1; i++) fake.Enqueue(Transient(status));
        await using var proxy = await TestProxy.StartAsync(Azure(fake, maxRetries), FastBackoff);

        using var response = await proxy.Http.PostAsync("/v1/messages", Message(), Token);

        Assert.Equal(expectedStatus, (int)response.StatusCode);
        var error = await ErrorOf(response);
        Assert.Equal(expectedType, (string?)error["type"]);
        Assert.Equal($"upstream says {status}", (string?)error["message"]);
        Assert.Equal(maxRetries + 1, fake.Requests.Count);
    }

    [Fact]
    public async Task ConnectionResetBeforeHeaders_IsRetried_StreamingToo()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        fake.Enqueue(FakeResponse.ResetConnection()).Enqueue(FakeResponse.ResetConnection());
        await using var proxy = await TestProxy.StartAsync(Azure(fake), FastBackoff);

        using var response = await proxy.Http.PostAsync("/v1/messages", Message(stream: true), Token);
        var text = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("event: message_stop", text, StringComparison.Ordinal);
        Assert.Equal(3, fake.Requests.Count);
    }

    [Fact]
    public async Task ConnectionResetEveryTime_Is529CouldNotReachAfterMaxRetries()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        for (var i = 0; i < 4; i++) fake.Enqueue(FakeResponse.ResetConnection());
        await using var proxy = await TestProxy.StartAsync(Azure(fake), FastBackoff);

        using var response = await proxy.Http.PostAsync("/v1/messages", Message(), Token);

        Assert.Equal(529, (int)response.StatusCode);
        var error = await ErrorOf(response);
        Assert.Equal("overloaded_error", (string?)error["type"]);
        Assert.StartsWith($"could not reach the upstream {fake.BaseUri.Host}", (string?)error["message"], StringComparison.Ordinal);
        Assert.Equal(3, fake.Requests.Count);
    }

    [Fact]
    public async Task RateLimit429_IsForwardedWithRetryHeaders_AfterExactlyOneRequest()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        fake.Enqueue(FakeResponse.RateLimited(7));
        await using var proxy = await TestProxy.StartAsync(Azure(fake), FastBackoff);

        using var response = await proxy.Http.PostAsync("/v1/messages", Message(stream: true), Token);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("7", Assert.Single(response.Headers.GetValues("retry-after")));
        Assert.Equal("7000", Assert.Single(response.Headers.GetValues("retry-after-ms")));
        Assert.Equal("rate_limit_error", (string?)(await ErrorOf(response))["type"]);
        Assert.Single(fake.Requests);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(404)]
    [InlineData(500)]
    public async Task OtherErrors_AreNotRetried(int status)
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        fake.Enqueue(FakeResponse.Error(status, $"upstream says {status}"));
        await using var proxy = await TestProxy.StartAsync(Azure(fake), FastBackoff);

        using var response = await proxy.Http.PostAsync("/v1/messages", Message(), Token);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Single(fake.Requests);
    }

    [Fact]
    public async Task ConnectionLostAfterStreamingBegan_IsAnErrorEvent_AndNeverRetried()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        var clientSawText = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fake.Enqueue(FakeResponse.Stream(s => s.Send([ChatSse.Role(), ChatSse.Text("partial")]).WaitFor(clientSawText.Task).Abort()));
        await using var proxy = await TestProxy.StartAsync(Azure(fake), FastBackoff);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages") { Content = Message(stream: true) };
        using var response = await proxy.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Token));
        var text = new StringBuilder();
        while (await reader.ReadLineAsync(Token) is { } line)
        {
            text.Append(line).Append('\n');
            if (line.Contains("partial", StringComparison.Ordinal)) clientSawText.TrySetResult();
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"partial\"", text.ToString(), StringComparison.Ordinal);
        Assert.Contains("event: error", text.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("event: message_stop", text.ToString(), StringComparison.Ordinal);
        Assert.Single(fake.Requests);
    }

    [Fact]
    public async Task SilentUpstream_IsATimeoutError_AndNotRetried()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        fake.Enqueue(FakeResponse.HangUntilCancelled());
        await using var proxy = await TestProxy.StartAsync(Azure(fake) with { RequestTimeout = TimeSpan.FromSeconds(1) }, FastBackoff);

        using var response = await proxy.Http.PostAsync("/v1/messages", Message(), Token);

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        var error = await ErrorOf(response);
        Assert.Equal("timeout_error", (string?)error["type"]);
        Assert.Equal("the upstream did not answer within REQUEST_TIMEOUT=1s", (string?)error["message"]);
        Assert.Single(fake.Requests);
    }
}
