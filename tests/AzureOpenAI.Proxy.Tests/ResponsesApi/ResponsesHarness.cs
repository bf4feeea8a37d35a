using System.Text.Json;
using System.Text.Json.Nodes;
using Anthropic;
using Anthropic.Models.Messages;
using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Proxy.Tests.Support;
using AzureOpenAI.TestSupport.FakeUpstream;

namespace AzureOpenAI.Proxy.Tests.ResponsesApi;

/// <summary>
/// What the Responses integration tests share: the proxy configured for the strict fake (opus → the Responses-only
/// gpt-5-codex, sonnet → gpt-5-mini, haiku → gpt-4o-mini), the official Anthropic SDK as its client, and scripted
/// answers played either as a Responses stream or as the whole response that stream ends with.
/// </summary>
internal static class ResponsesHarness
{
    public const string LocalToken = "local-token";
    public const string Opus = "claude-opus-4-5";
    public const string Sonnet = "claude-sonnet-4-5";

    public static CancellationToken Token => TestContext.Current.CancellationToken;

    public static ProxySettings AzureSettings(FakeUpstreamServer fake) =>
        FakeUpstreamSettings.Azure(fake, big: "gpt-5-codex", middle: "gpt-5-mini") with { ProxyAuthToken = LocalToken };

    public static AnthropicClient Client(TestProxy proxy) =>
        new() { BaseUrl = proxy.Address.ToString().TrimEnd('/'), ApiKey = LocalToken, MaxRetries = 0 };

    public static MessageCreateParams Ask(string text, string model = Opus) => new()
    {
        Model = model,
        MaxTokens = 2048,
        Messages = [new UserMessageParam { Content = text }],
    };

    /// <summary>Sends through the SDK, streaming (then aggregated) or not.</summary>
    public static Task<Message> SendAsync(TestProxy proxy, MessageCreateParams request, bool streaming) => streaming
        ? Client(proxy).Messages.CreateStreaming(request, Token).Aggregate()
        : Client(proxy).Messages.Create(request, Token);

    /// <summary>The scripted answer as the service sends it: the SSE events, or the final <c>response</c> object they end with.</summary>
    public static FakeResponse Answer(ResponsesSse sse, bool streaming) =>
        streaming ? FakeResponse.Stream(sse.Events) : FakeResponse.Json(FinalResponse(sse));

    public static ToolUnion Tool(string name, string property) => new Tool
    {
        Name = name,
        Description = $"{name} tool",
        InputSchema = new InputSchema
        {
            Properties = new Dictionary<string, JsonElement> { [property] = JsonDocument.Parse("""{"type":"string"}""").RootElement },
            Required = [property],
        },
    };

    /// <summary>The Responses <c>input</c> items of a recorded request.</summary>
    public static List<JsonObject> InputItems(RecordedRequest request) =>
        [.. request.Body!["input"]!.AsArray().Select(item => item!.AsObject())];

    public static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>The <c>response</c> of the stream's terminal event (completed, incomplete or failed).</summary>
    private static JsonObject FinalResponse(ResponsesSse sse)
    {
        var last = sse.Events[^1];
        var data = last[(last.IndexOf("data: ", StringComparison.Ordinal) + "data: ".Length)..].Trim();
        return JsonNode.Parse(data)!["response"]!.DeepClone().AsObject();
    }
}
