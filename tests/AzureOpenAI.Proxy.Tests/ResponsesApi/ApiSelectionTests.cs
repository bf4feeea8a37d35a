using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Proxy.Tests.Support;
using AzureOpenAI.TestSupport.FakeUpstream;
using static AzureOpenAI.Proxy.Tests.ResponsesApi.ResponsesHarness;

namespace AzureOpenAI.Proxy.Tests.ResponsesApi;

/// <summary>
/// Which API a deployment is called through (API_STYLE, RESPONSES_MODELS, the Responses-only families, the switch on
/// OperationNotSupported), and the Responses URL and credentials per provider style.
/// </summary>
public sealed class ApiSelectionTests
{
    [Theory]
    [InlineData("v1", "/openai/v1/responses", "")]
    [InlineData("2025-04-01-preview", "/openai/responses", "?api-version=2025-04-01-preview")]
    public async Task AzureResponsesUrl_FollowsTheApiVersion_WithTheKeyHeaderAndTheDeploymentAsModel(string apiVersion, string path, string query)
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        await using var proxy = await TestProxy.StartAsync(AzureSettings(fake) with { AzureApiVersion = apiVersion });

        var message = await Client(proxy).Messages.Create(Ask("hi"), Token);

        Assert.True(message.Content.Single().TryPickText(out var text));
        Assert.Equal(FakeUpstreamServer.DefaultAnswer, text!.Text);
        var sent = fake.LastRequest;
        Assert.Null(sent.Rejection);
        Assert.Equal(path, sent.Path);
        Assert.Equal(query, sent.Query);
        Assert.Equal(fake.Options.ApiKey, sent.Headers["api-key"]);
        Assert.Equal("gpt-5-codex", Text(sent.Body!["model"]));
    }

    [Fact]
    public async Task AzureDatedVersionBeforeResponses_ExplainsWhichApiVersionToSet()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        await using var proxy = await TestProxy.StartAsync(AzureSettings(fake) with { AzureApiVersion = "2024-10-21" });

        var error = await Assert.ThrowsAnyAsync<AnthropicNotFoundException>(() => Client(proxy).Messages.Create(Ask("hi"), Token));

        Assert.Contains("AZURE_API_VERSION=v1", error.ApiMessage, StringComparison.Ordinal);
        Assert.Contains("AZURE_API_VERSION is 2024-10-21", error.ApiMessage, StringComparison.Ordinal);
        Assert.Equal("/openai/responses", Assert.Single(fake.Requests).Path);
    }

    [Fact]
    public async Task OpenAICompatibleResponsesUrl_IsBaseSlashResponses_WithBearerAuth()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        await using var proxy = await TestProxy.StartAsync(AzureSettings(fake) with { Provider = ProviderKind.OpenAI, BaseUrl = fake.OpenAIBaseUri });

        await Client(proxy).Messages.Create(Ask("hi"), Token);

        var sent = fake.LastRequest;
        Assert.Null(sent.Rejection);
        Assert.Equal("/v1/responses", sent.Path);
        Assert.Equal($"Bearer {fake.Options.ApiKey}", sent.Headers["Authorization"]);
        Assert.False(sent.Headers.ContainsKey("api-key"));
    }

    [Fact]
    public async Task Auto_SendsResponsesOnlyFamiliesToResponses_AndOthersToChat()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        await using var proxy = await TestProxy.StartAsync(AzureSettings(fake));

        await Client(proxy).Messages.Create(Ask("hi", Opus), Token);
        await Client(proxy).Messages.Create(Ask("hi", Sonnet), Token);

        Assert.Collection(fake.Requests,
            codex => Assert.Equal((UpstreamApi.Responses, "gpt-5-codex", (UpstreamError?)null), (codex.Api, codex.Deployment, codex.Rejection)),
            mini => Assert.Equal((UpstreamApi.ChatCompletions, "gpt-5-mini", (UpstreamError?)null), (mini.Api, mini.Deployment, mini.Rejection)));
    }

    [Fact]
    public async Task ResponsesModels_SendsTheListedDeploymentsToResponses()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        await using var proxy = await TestProxy.StartAsync(AzureSettings(fake) with { ResponsesModels = ["gpt-5-mini"] });

        await Client(proxy).Messages.Create(Ask("hi", Sonnet), Token);
        await Client(proxy).Messages.Create(Ask("hi", "claude-haiku-4-5"), Token);

        Assert.Equal([UpstreamApi.Responses, UpstreamApi.ChatCompletions], fake.Requests.Select(r => r.Api));
        Assert.Equal(["gpt-5-mini", "gpt-4o-mini"], fake.Requests.Select(r => r.Deployment));
        Assert.All(fake.Requests, r => Assert.Null(r.Rejection));
    }

    [Fact]
    public async Task ApiStyleResponses_SendsEveryDeploymentToResponses()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        await using var proxy = await TestProxy.StartAsync(AzureSettings(fake) with { ApiStyle = ApiStyle.Responses });

        await Client(proxy).Messages.Create(Ask("hi", Sonnet), Token);
        await Client(proxy).Messages.Create(Ask("hi", "claude-haiku-4-5"), Token);

        Assert.All(fake.Requests, r => Assert.Equal((UpstreamApi.Responses, (UpstreamError?)null), (r.Api, r.Rejection)));
    }

    [Fact]
    public async Task ApiStyleChat_SendsEvenAResponsesOnlyFamilyToChat_AndReportsTheRefusal()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        await using var proxy = await TestProxy.StartAsync(AzureSettings(fake) with { ApiStyle = ApiStyle.Chat });

        var error = await Assert.ThrowsAnyAsync<AnthropicBadRequestException>(() => Client(proxy).Messages.Create(Ask("hi"), Token));

        Assert.Contains("does not work with the specified model", error.ApiMessage, StringComparison.Ordinal);
        var only = Assert.Single(fake.Requests);
        Assert.Equal(UpstreamApi.ChatCompletions, only.Api);
    }

    [Fact]
    public async Task OperationNotSupported_SwitchesTheDeploymentToResponses_AndRemembersIt()
    {
        // An arbitrary deployment name: no family rule can know it serves gpt-5-codex.
        var options = new FakeUpstreamOptions().WithDeployment("team-coder", "gpt-5-codex", 128000);
        await using var fake = await FakeUpstreamServer.StartAsync(options, Token);
        await using var proxy = await TestProxy.StartAsync(AzureSettings(fake) with { BigModel = "team-coder" });

        var first = await SendAsync(proxy, Ask("first"), streaming: true);
        var second = await Client(proxy).Messages.Create(Ask("second"), Token);

        Assert.True(first.Content.Single().TryPickText(out var firstText));
        Assert.Equal(FakeUpstreamServer.DefaultAnswer, firstText!.Text);
        Assert.True(second.Content.Single().TryPickText(out _));
        Assert.Collection(fake.Requests,
            refused =>
            {
                Assert.Equal(UpstreamApi.ChatCompletions, refused.Api);
                Assert.Equal("OperationNotSupported", Text(refused.Rejection?.Body["error"]?["code"]));
            },
            retried => Assert.Equal((UpstreamApi.Responses, "team-coder", (UpstreamError?)null), (retried.Api, retried.Deployment, retried.Rejection)),
            remembered => Assert.Equal((UpstreamApi.Responses, (UpstreamError?)null), (remembered.Api, remembered.Rejection)));
    }

    [Fact]
    public async Task OpenAIsOnlySupportedInResponses404_AlsoSwitches()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        fake.Enqueue(FakeResponse.Error(404, "This model is only supported in v1/responses and not in v1/chat/completions."));
        await using var proxy = await TestProxy.StartAsync(AzureSettings(fake) with
        {
            Provider = ProviderKind.OpenAI, BaseUrl = fake.OpenAIBaseUri, MiddleModel = "gpt-4.1",
        });

        var message = await Client(proxy).Messages.Create(Ask("hi", Sonnet), Token);

        Assert.True(message.Content.Single().TryPickText(out var text));
        Assert.Equal(FakeUpstreamServer.DefaultAnswer, text!.Text);
        Assert.Equal(["/v1/chat/completions", "/v1/responses"], fake.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task AnotherChatError_DoesNotSwitch()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        fake.Enqueue(FakeResponse.Error(400, "Invalid 'messages[0].content': string too long.", param: "messages", code: "string_above_max_length"));
        await using var proxy = await TestProxy.StartAsync(AzureSettings(fake));

        await Assert.ThrowsAnyAsync<AnthropicBadRequestException>(() => Client(proxy).Messages.Create(Ask("hi", Sonnet), Token));
        await Client(proxy).Messages.Create(Ask("again", Sonnet), Token);

        Assert.All(fake.Requests, r => Assert.Equal(UpstreamApi.ChatCompletions, r.Api));
        Assert.Equal(2, fake.Requests.Count);
    }

    [Fact]
    public async Task ResponsesError_IsMappedWithTheDeploymentNamed()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        await using var proxy = await TestProxy.StartAsync(AzureSettings(fake) with { BigModel = "gpt-5-codex-missing" });

        var error = await Assert.ThrowsAnyAsync<AnthropicNotFoundException>(() => Client(proxy).Messages.Create(Ask("hi"), Token));

        Assert.Contains("'gpt-5-codex-missing'", error.ApiMessage, StringComparison.Ordinal);
        Assert.Contains("DeploymentNotFound", error.ApiMessage, StringComparison.Ordinal);
        Assert.Equal(UpstreamApi.Responses, Assert.Single(fake.Requests).Api);
    }
}
