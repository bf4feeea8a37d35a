using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Proxy.Server;
using AzureOpenAI.Proxy.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace AzureOpenAI.Proxy.Tests.Pools;

/// <summary>Builds pools.json for fakes on loopback, starts the proxy on a controllable clock, and sends Claude Code-shaped requests.</summary>
internal static class PoolHarness
{
    public static CancellationToken Token => TestContext.Current.CancellationToken;

    public static FakeTimeProvider NewClock() => new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));

    /// <summary>One backend object for pools.json (Azure v1 URL, the fake's key).</summary>
    public static string Backend(Uri endpoint, string key, string deployment = "gpt-4o", int priority = 1, string? zone = null, string extra = "") =>
        $$"""{ "endpoint": "{{endpoint}}", "deployment": "{{deployment}}", "provider": "azure", "apiKey": "{{key}}", "priority": {{priority}}{{(zone is null ? "" : $", \"dataZone\": \"{zone}\"")}}{{extra}} }""";

    /// <summary>Settings with no single endpoint, the pools of <paramref name="poolsJson"/>, and no same-backend retries.</summary>
    public static ProxySettings Settings(string poolsJson, ProxySettings? settings = null) =>
        (settings ?? new ProxySettings()) with { MaxRetries = 0, Pools = PoolsFileReader.Read(Encoding.UTF8.GetBytes(poolsJson), "pools.json") };

    /// <summary>The proxy on <paramref name="clock"/>; <paramref name="maxRetries"/> same-backend retries, 1 ms apart (Polly waits on the real clock).</summary>
    public static Task<TestProxy> StartAsync(ProxySettings settings, TimeProvider clock, int maxRetries = 0) =>
        TestProxy.StartAsync(settings with { MaxRetries = maxRetries },
            new ProxyHostOptions { TimeProvider = clock, UpstreamRetryDelay = TimeSpan.FromMilliseconds(1) });

    /// <summary>POSTs a Messages request for <paramref name="model"/>; <paramref name="session"/> becomes X-Claude-Code-Session-Id.</summary>
    public static async Task<(int Status, string Body, HttpResponseMessage Response)> AskAsync(TestProxy proxy, string? session = null,
        string model = "claude-opus-4-5", bool stream = false, string prompt = "hi", int maxTokens = 1024)
    {
        var body = new JsonObject
        {
            ["model"] = model, ["max_tokens"] = maxTokens, ["stream"] = stream,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = prompt }),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/messages") { Content = new StringContent(body.ToJsonString()) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (session is not null) request.Headers.Add("X-Claude-Code-Session-Id", session);
        var response = await proxy.Http.SendAsync(request, Token);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(Token), response);
    }

    public static string ErrorType(string body) => JsonNode.Parse(body)!["error"]!["type"]!.GetValue<string>();

    public static string ErrorMessage(string body) => JsonNode.Parse(body)!["error"]!["message"]!.GetValue<string>();
}
