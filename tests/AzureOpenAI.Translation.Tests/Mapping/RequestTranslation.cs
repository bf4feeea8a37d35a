using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;
using AzureOpenAI.Translation.Anthropic;
using AzureOpenAI.Translation.Mapping;

namespace AzureOpenAI.Translation.Tests.Mapping;

/// <summary>Runs Anthropic request JSON through the same deserializer as the proxy, then through the Chat Completions mapper.</summary>
internal static class RequestTranslation
{
    /// <summary>The proxy's default MAX_TOKENS_LIMIT, which the golden cases were written with.</summary>
    public const int MaxTokensLimit = 131072;

    /// <summary>The proxy's default REASONING_MODELS.</summary>
    public static IReadOnlyList<string> ReasoningPrefixes { get; } = ["o1", "o3", "o4", "gpt-5"];

    public static DeploymentOptions DefaultOptions { get; } = new() { Deployment = "gpt-4.1", MaxTokensLimit = MaxTokensLimit };

    public static MessagesRequest Parse(string anthropicJson) =>
        JsonSerializer.Deserialize(anthropicJson, AnthropicJsonContext.Default.MessagesRequest)
        ?? throw new InvalidOperationException("null request");

    public static UpstreamRequest Build(string anthropicJson, DeploymentOptions? options = null) =>
        ChatCompletionsRequestMapper.Build(Parse(anthropicJson), options ?? DefaultOptions);

    /// <summary>The upstream body as a node, for assertions on single fields.</summary>
    public static JsonObject Translate(string anthropicJson, DeploymentOptions? options = null) =>
        JsonNode.Parse(Build(anthropicJson, options).Body.Span)!.AsObject();

    /// <summary>The message the Chat Completions mapper rejects <paramref name="anthropicJson"/> with.</summary>
    public static string RejectionOf(string anthropicJson, DeploymentOptions? options = null)
    {
        var exception = Assert.Throws<AnthropicRequestException>(() => Build(anthropicJson, options));
        Assert.Equal(AnthropicErrorType.InvalidRequest, exception.Error.Type);
        return exception.Message;
    }

    /// <summary>A minimal valid request with <paramref name="extraFields"/> (JSON object members) added.</summary>
    public static string Minimal(string extraFields = "", string messages = """[{"role":"user","content":"hi"}]""") =>
        $$"""{"model":"claude-sonnet-4-5","max_tokens":1024,"messages":{{messages}}{{(extraFields.Length > 0 ? "," + extraFields : "")}}}""";
}
