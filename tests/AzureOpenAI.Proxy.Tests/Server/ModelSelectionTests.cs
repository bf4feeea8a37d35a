using System.Net;
using System.Text;
using AzureOpenAI.Proxy.Tests.Support;
using AzureOpenAI.TestSupport.FakeUpstream;

namespace AzureOpenAI.Proxy.Tests.Server;

/// <summary>Model selection as Claude Code does it, against the strict fake: <c>[1m]</c>, the <c>max_tokens: 1</c> probe, subagents.</summary>
public sealed class ModelSelectionTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MaxTokensOneProbe_OfAReasoningDeployment_IsAnswered()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        fake.Enqueue(FakeResponse.Json(ChatCompletionBodies.Text("ok")));
        await using var proxy = await TestProxy.StartAsync(FakeUpstreamSettings.Azure(fake));

        using var response = await SendAsync(proxy, "claude-opus-5-5[1m]", maxTokens: 1);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(fake.LastRequest.Rejection);
        Assert.Equal("gpt-5", fake.LastRequest.Body!["model"]!.GetValue<string>());
        Assert.Equal(16, fake.LastRequest.Body!["max_completion_tokens"]!.GetValue<int>());
        Assert.Equal("minimal", fake.LastRequest.Body!["reasoning_effort"]!.GetValue<string>());
    }

    [Fact]
    public async Task SubagentRequests_GoToTheChosenTier()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        fake.Enqueue(FakeResponse.Json(ChatCompletionBodies.Text("main")));
        fake.Enqueue(FakeResponse.Json(ChatCompletionBodies.Text("subagent")));
        await using var proxy = await TestProxy.StartAsync(FakeUpstreamSettings.Azure(fake) with { SubagentTier = "haiku" });

        using var main = await SendAsync(proxy, "claude-opus-5-5", maxTokens: 100);
        var mainModel = fake.LastRequest.Body!["model"]!.GetValue<string>();
        using var subagent = await SendAsync(proxy, "claude-opus-5-5", maxTokens: 100, agentId: "agent-7");

        Assert.Equal("gpt-5", mainModel);
        Assert.Equal(HttpStatusCode.OK, subagent.StatusCode);
        Assert.Equal("gpt-4o-mini", fake.LastRequest.Body!["model"]!.GetValue<string>());
    }

    private static async Task<HttpResponseMessage> SendAsync(TestProxy proxy, string model, int maxTokens, string? agentId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages")
        {
            Content = new StringContent($$"""{"model":"{{model}}","max_tokens":{{maxTokens}},"messages":[{"role":"user","content":"count"}]}""", Encoding.UTF8, "application/json"),
        };
        if (agentId is not null) request.Headers.Add("x-claude-code-agent-id", agentId);
        return await proxy.Http.SendAsync(request, Token);
    }
}
