using System.Net;
using System.Text;
using System.Text.Json;
using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Proxy.Server;
using AzureOpenAI.Proxy.Tests.Support;
using AzureOpenAI.TestSupport.FakeUpstream;

namespace AzureOpenAI.Proxy.Tests.Server;

/// <summary>
/// The proxy's own I/O paths in front of the strict fake upstream: URL and auth per provider, error mapping and retry
/// headers, timeouts, unreachable hosts, cancellation, max_tokens learning, pings.
/// </summary>
public class UpstreamPathTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Azure with the default api-version (v1).</summary>
    private static ProxySettings Azure(FakeUpstreamServer fake) => FakeUpstreamSettings.Azure(fake);

    private static StringContent Body(string model = "claude-sonnet-5-5", bool stream = false, int maxTokens = 100) =>
        new($$"""{"model":"{{model}}","max_tokens":{{maxTokens}},"stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"hi"}]}""",
            Encoding.UTF8, "application/json");

    [Fact]
    public async Task AzureDatedVersion_CallsDeploymentUrlWithApiKeyAndNoModel()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        fake.Enqueue(FakeResponse.Json(ChatCompletionBodies.Text("hello")));
        await using var proxy = await TestProxy.StartAsync(Azure(fake) with { AzureApiVersion = "2024-10-21" });

        using var response = await proxy.Http.PostAsync("/v1/messages?beta=true", Body(), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = fake.LastRequest;
        Assert.Equal(UpstreamDialect.AzureDeployment, sent.Dialect);
        Assert.Equal("/openai/deployments/gpt-4o/chat/completions", sent.Path);
        Assert.Equal("?api-version=2024-10-21", sent.Query);
        Assert.Equal(fake.Options.ApiKey, sent.Headers["api-key"]);
        Assert.Null(sent.Body!["model"]);
    }

    [Fact]
    public async Task AzureV1_SendsDeploymentAsModel()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        fake.Enqueue(FakeResponse.Json(ChatCompletionBodies.Text("hello")));
        await using var proxy = await TestProxy.StartAsync(Azure(fake));

        using var response = await proxy.Http.PostAsync("/v1/messages", Body("claude-haiku-5-5"), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/openai/v1/chat/completions", fake.LastRequest.Path);
        Assert.Equal("gpt-4o-mini", fake.LastRequest.Body!["model"]!.GetValue<string>());
    }

    [Fact]
    public async Task OpenAICompatible_UsesBearerAndChatCompletions()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        fake.Enqueue(FakeResponse.Json(ChatCompletionBodies.Text("hello")));
        await using var proxy = await TestProxy.StartAsync(Azure(fake) with { BaseUrl = fake.OpenAIBaseUri, Provider = ProviderKind.OpenAI });

        using var response = await proxy.Http.PostAsync("/v1/messages", Body(), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/v1/chat/completions", fake.LastRequest.Path);
        Assert.Equal($"Bearer {fake.Options.ApiKey}", fake.LastRequest.Headers["Authorization"]);
    }

    [Fact]
    public async Task Upstream429_IsRateLimitErrorWithRetryHeadersForwarded()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        fake.Enqueue(FakeResponse.RateLimited(7));
        await using var proxy = await TestProxy.StartAsync(Azure(fake));

        using var response = await proxy.Http.PostAsync("/v1/messages", Body(stream: true), Token);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("7", response.Headers.GetValues("retry-after").Single());
        Assert.Equal("7000", response.Headers.GetValues("retry-after-ms").Single());
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)).RootElement;
        Assert.Equal("rate_limit_error", json.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task UpstreamSilentBeyondRequestTimeout_Is504TimeoutError()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        fake.Enqueue(FakeResponse.HangUntilCancelled());
        await using var proxy = await TestProxy.StartAsync(Azure(fake) with { RequestTimeout = TimeSpan.FromSeconds(1) });

        using var response = await proxy.Http.PostAsync("/v1/messages", Body(), Token);

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)).RootElement.GetProperty("error");
        Assert.Equal("timeout_error", error.GetProperty("type").GetString());
        Assert.Contains("REQUEST_TIMEOUT=1s", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        await fake.LastRequest.Aborted.WaitAsync(TimeSpan.FromSeconds(10), Token);
    }

    [Fact]
    public async Task UnreachableUpstream_Is529OverloadedNamingTheHost()
    {
        // A port that was free a moment ago: nothing listens there now.
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var proxy = await TestProxy.StartAsync(new ProxySettings
        {
            BaseUrl = new Uri($"http://127.0.0.1:{port}/v1"), ApiKey = "k", MiddleModel = "gpt-4o",
        });

        using var response = await proxy.Http.PostAsync("/v1/messages", Body(), Token);

        Assert.Equal(529, (int)response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)).RootElement.GetProperty("error");
        Assert.Equal("overloaded_error", error.GetProperty("type").GetString());
        Assert.Contains("127.0.0.1", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientDisconnectMidStream_CancelsTheUpstreamRequest()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        fake.Enqueue(FakeResponse.Stream(s => s.Send([ChatSse.Role(), ChatSse.Text("partial")]).Hang()));
        await using var proxy = await TestProxy.StartAsync(Azure(fake));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages") { Content = Body(stream: true) };

        using (var response = await proxy.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Token))
        {
            var stream = await response.Content.ReadAsStreamAsync(Token);
            var first = new byte[1];
            Assert.Equal(1, await stream.ReadAsync(first, Token)); // the stream has begun
        }

        await fake.LastRequest.Aborted.WaitAsync(TimeSpan.FromSeconds(10), Token);
    }

    [Fact]
    public async Task UpstreamSilenceWhileStreaming_SendsPings()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        var release = new TaskCompletionSource();
        fake.Enqueue(FakeResponse.Stream(s => s
            .Send([ChatSse.Role(), ChatSse.Text("thinking…")])
            .WaitFor(release.Task)
            .Send([ChatSse.Text(" done"), ChatSse.Finish("stop"), ChatSse.Usage(10, 2), ChatSse.Done])));
        await using var proxy = await TestProxy.StartAsync(Azure(fake), new ProxyHostOptions { PingInterval = TimeSpan.FromMilliseconds(50) });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages") { Content = Body(stream: true) };

        using var response = await proxy.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Token));
        var events = new List<string>();
        while (await reader.ReadLineAsync(Token) is { } line)
        {
            if (!line.StartsWith("event: ", StringComparison.Ordinal)) continue;
            events.Add(line["event: ".Length..]);
            if (events.Count(e => e == "ping") == 2) release.TrySetResult();
        }

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("message_start", events[0]);
        Assert.True(events.Count(e => e == "ping") >= 2);
        Assert.Equal("message_stop", events[^1]);
    }

    [Fact]
    public async Task UpstreamDropsMidStream_EmitsErrorEventAndNoMessageStop()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        // The upstream drops only once the client has the partial text, so the drop is surely mid-stream.
        var clientSawText = new TaskCompletionSource();
        fake.Enqueue(FakeResponse.Stream(s => s.Send([ChatSse.Role(), ChatSse.Text("partial")]).WaitFor(clientSawText.Task).Abort()));
        await using var proxy = await TestProxy.StartAsync(Azure(fake));

        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages") { Content = Body(stream: true) };
        using var response = await proxy.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Token));
        var text = new StringBuilder();
        while (await reader.ReadLineAsync(Token) is { } line)
        {
            text.Append(line).Append('\n');
            if (line.Contains("partial", StringComparison.Ordinal)) clientSawText.TrySetResult();
        }

        Assert.Contains("event: error", text.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("event: message_stop", text.ToString(), StringComparison.Ordinal);
        Assert.Single(fake.Requests);
    }

    [Fact]
    public async Task MaxTokensTooLarge_IsLearnedAndRetriedOnceForAnArbitraryDeploymentName()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(
            new FakeUpstreamOptions().WithDeployment("my-gpt4", "gpt-4o", maxCompletionTokens: 4096), Token);
        fake.Enqueue(FakeResponse.Json(ChatCompletionBodies.Text("first")));
        fake.Enqueue(FakeResponse.Json(ChatCompletionBodies.Text("second")));
        await using var proxy = await TestProxy.StartAsync(Azure(fake) with { MiddleModel = "my-gpt4" });

        using var first = await proxy.Http.PostAsync("/v1/messages", Body(maxTokens: 32000), Token);
        using var second = await proxy.Http.PostAsync("/v1/messages", Body(maxTokens: 32000), Token);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var requests = fake.Requests;
        Assert.Equal(3, requests.Count); // rejected, retried with 4096, then 4096 at once
        Assert.NotNull(requests[0].Rejection);
        Assert.Equal(4096, requests[1].Body!["max_tokens"]!.GetValue<int>());
        Assert.Equal(4096, requests[2].Body!["max_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task CountTokens_IsAnsweredLocallyWithoutCallingUpstream()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        await using var proxy = await TestProxy.StartAsync(Azure(fake));

        using var response = await proxy.Http.PostAsync("/v1/messages/count_tokens?beta=true",
            new StringContent("""{"model":"claude-sonnet-5-5","messages":[{"role":"user","content":"hello world"}]}""", Encoding.UTF8, "application/json"), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)).RootElement;
        Assert.True(json.GetProperty("input_tokens").GetInt32() > 0);
        Assert.Empty(fake.Requests);
    }
}
