using System.Text.Json;
using Anthropic;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Proxy.Tests.Support;
using AzureOpenAI.TestSupport.FakeUpstream;

namespace AzureOpenAI.Proxy.Tests.Sdk;

/// <summary>
/// The official Anthropic .NET SDK as the client, the real proxy, the strict fake as the upstream.
/// </summary>
public class AnthropicSdkTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static ProxySettings Settings(FakeUpstreamServer fake) => FakeUpstreamSettings.Azure(fake) with { ProxyAuthToken = "local-token" };

    private static AnthropicClient Client(TestProxy proxy) =>
        new() { BaseUrl = proxy.Address.ToString().TrimEnd('/'), ApiKey = "local-token", MaxRetries = 0 };

    private static MessageCreateParams Ask(string text, string model = "claude-sonnet-5-5") => new()
    {
        Model = model,
        MaxTokens = 1024,
        Messages = [new UserMessageParam { Content = text }],
    };

    [Fact]
    public async Task NonStreamingText_ComesBackAsAnAnthropicMessage()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        fake.Enqueue(FakeResponse.Json(ChatCompletionBodies.Text("Hello there", promptTokens: 12, completionTokens: 3)));
        await using var proxy = await TestProxy.StartAsync(Settings(fake));

        var message = await Client(proxy).Messages.Create(Ask("hi"), Token);

        Assert.StartsWith("msg_", message.ID, StringComparison.Ordinal);
        Assert.Equal("claude-sonnet-5-5", message.Model.Raw());
        Assert.True(message.Content[0].TryPickText(out var text));
        Assert.Equal("Hello there", text!.Text);
        Assert.Equal(12, message.Usage.InputTokens);
        Assert.Equal(3, message.Usage.OutputTokens);
    }

    [Fact]
    public async Task StreamingText_ArrivesAsDeltasInAnthropicOrder()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        fake.Enqueue(FakeResponse.Stream([ChatSse.AzurePromptFilterResults(), ChatSse.Role(), ChatSse.Text("Hel"), ChatSse.Text("lo"),
            ChatSse.Finish("stop"), ChatSse.Usage(10, 2), ChatSse.Done]));
        await using var proxy = await TestProxy.StartAsync(Settings(fake));

        var kinds = new List<string>();
        var text = "";
        await foreach (var streamEvent in Client(proxy).Messages.CreateStreaming(Ask("hi"), Token))
        {
            kinds.Add(Kind(streamEvent));
            if (streamEvent.TryPickContentBlockDelta(out var delta) && delta!.Delta.TryPickText(out var textDelta)) text += textDelta!.Text;
        }

        Assert.Equal("Hello", text);
        Assert.Equal("start", kinds[0]);
        Assert.Equal("stop", kinds[^1]);
        Assert.Equal("delta", kinds[^2]);
    }

    [Fact]
    public async Task ParallelToolCalls_BecomeToolUseBlocks()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        fake.Enqueue(FakeResponse.Stream([ChatSse.Role(),
            ChatSse.ToolCallStart(0, "call_a", "get_weather"), ChatSse.ToolCallArguments(0, "{\"city\":"), ChatSse.ToolCallArguments(0, "\"Paris\"}"),
            ChatSse.ToolCallStart(1, "call_b", "get_time", "{\"tz\":\"CET\"}"),
            ChatSse.Finish("tool_calls"), ChatSse.Usage(20, 9), ChatSse.Done]));
        await using var proxy = await TestProxy.StartAsync(Settings(fake));
        var request = Ask("weather and time in Paris") with
        {
            Tools = [Tool("get_weather", "city"), Tool("get_time", "tz")],
        };

        var message = await Client(proxy).Messages.CreateStreaming(request, Token).Aggregate();

        var toolUses = message.Content.Select(b => b.TryPickToolUse(out var use) ? use : null).OfType<ToolUseBlock>().ToList();
        Assert.Equal(["get_weather", "get_time"], toolUses.Select(t => t.Name));
        Assert.Equal("Paris", toolUses[0].Input["city"].GetString());
        Assert.Equal("CET", toolUses[1].Input["tz"].GetString());
        Assert.Equal(StopReason.ToolUse, message.StopReason!.Value());
        Assert.Equal(2, fake.LastRequest.Body!["tools"]!.AsArray().Count);
    }

    [Fact]
    public async Task Image_IsSentAsImageUrlPart()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        fake.Enqueue(FakeResponse.Json(ChatCompletionBodies.Text("a red pixel")));
        await using var proxy = await TestProxy.StartAsync(Settings(fake));
        var request = new MessageCreateParams
        {
            Model = "claude-sonnet-5-5",
            MaxTokens = 100,
            Messages = [new UserMessageParam
            {
                Content = new List<ContentBlockParam>
                {
                    new ImageBlockParam { Source = new Base64ImageSource { Data = "iVBORw0KGgo=", MediaType = MediaType.ImagePng } },
                    new TextBlockParam { Text = "what is this?" },
                },
            }],
        };

        var message = await Client(proxy).Messages.Create(request, Token);

        Assert.True(message.Content[0].TryPickText(out _));
        var parts = fake.LastRequest.Body!["messages"]!.AsArray().Last()!["content"]!.AsArray();
        Assert.Contains(parts, p => p!["type"]!.GetValue<string>() == "image_url"
            && p["image_url"]!["url"]!.GetValue<string>() == "data:image/png;base64,iVBORw0KGgo=");
    }

    [Fact]
    public async Task ReasoningDeltas_BecomeAThinkingBlock()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        fake.Enqueue(FakeResponse.Stream([ChatSse.Role(), ChatSse.Reasoning("Let me think."), ChatSse.Text("42"),
            ChatSse.Finish("stop"), ChatSse.Usage(10, 30, reasoningTokens: 20), ChatSse.Done]));
        await using var proxy = await TestProxy.StartAsync(Settings(fake));
        var request = Ask("meaning of life?", "claude-opus-5-5") with
        {
            Thinking = new ThinkingConfigEnabled { BudgetTokens = 2048 },
        };

        var message = await Client(proxy).Messages.CreateStreaming(request, Token).Aggregate();

        Assert.True(message.Content[0].TryPickThinking(out var thinking));
        Assert.Equal("Let me think.", thinking!.Thinking);
        Assert.True(message.Content[1].TryPickText(out var text));
        Assert.Equal("42", text!.Text);
        Assert.NotNull(fake.LastRequest.Body!["reasoning_effort"]);
        Assert.Null(fake.LastRequest.Body!["max_tokens"]);
    }

    [Fact]
    public async Task RateLimited_SurfacesAsRateLimitErrorWithRetryAfter()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        fake.Enqueue(FakeResponse.RateLimited(3));
        await using var proxy = await TestProxy.StartAsync(Settings(fake));

        var error = await Assert.ThrowsAnyAsync<AnthropicRateLimitException>(() => Client(proxy).Messages.Create(Ask("hi"), Token));

        Assert.Contains("retry after 3 seconds", error.ApiMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContextLengthExceeded_ReadsPromptIsTooLong()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        fake.Enqueue(FakeResponse.Error(400,
            "This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens. Please reduce the length of the messages.",
            code: "context_length_exceeded", param: "messages"));
        await using var proxy = await TestProxy.StartAsync(Settings(fake));

        var error = await Assert.ThrowsAnyAsync<AnthropicBadRequestException>(() => Client(proxy).Messages.Create(Ask("hi"), Token));

        Assert.StartsWith("prompt is too long: 130000 tokens > 128000 maximum", error.ApiMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancellingTheSdkCall_CancelsTheUpstreamRequest()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        fake.Enqueue(FakeResponse.HangUntilCancelled());
        await using var proxy = await TestProxy.StartAsync(Settings(fake));
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);

        var call = Client(proxy).Messages.Create(Ask("hi"), cancel.Token);
        var requests = await fake.WaitForRequestsAsync(1, Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        await requests[0].Aborted.WaitAsync(TimeSpan.FromSeconds(10), Token);
    }

    private static ToolUnion Tool(string name, string property) => new Tool
    {
        Name = name,
        Description = $"{name} tool",
        InputSchema = new InputSchema
        {
            Properties = new Dictionary<string, JsonElement> { [property] = JsonDocument.Parse("""{"type":"string"}""").RootElement },
            Required = [property],
        },
    };

    private static string Kind(RawMessageStreamEvent e) =>
        e.TryPickStart(out _) ? "start"
        : e.TryPickDelta(out _) ? "delta"
        : e.TryPickStop(out _) ? "stop"
        : e.TryPickContentBlockStart(out _) ? "block_start"
        : e.TryPickContentBlockDelta(out _) ? "block_delta"
        : e.TryPickContentBlockStop(out _) ? "block_stop"
        : "other";
}
