using AzureOpenAI.Translation.Mapping;
using AzureOpenAI.Translation.Streaming;

namespace AzureOpenAI.Translation.Tests.Streaming;

/// <summary>
/// Replays raw upstream SSE through the proxy's own <see cref="StreamRelayLoop"/> (no pings: nothing is ever silent
/// here) and returns the Anthropic SSE it wrote; creates translators with the golden files' defaults.
/// </summary>
internal static class StreamReplay
{
    public const string MessageId = "msg_01XFDUDYJgAACzvnptvVoYEL";

    public static async Task<byte[]> TranslateAsync(Stream upstream, IAnthropicStreamTranslator translator)
    {
        using var client = new MemoryStream();
        var loop = new StreamRelayLoop(translator, bytes => client.WriteAsync(bytes), Timeout.InfiniteTimeSpan, TimeProvider.System);
        await loop.RunAsync(upstream, static () => { }, CancellationToken.None);
        return client.ToArray();
    }

    public static ChatStreamTranslator CreateTranslator(string requestedModel = "claude-sonnet-4-5-20250929", int inputTokensEstimate = 100, params string[] tools) =>
        new(MessageId, requestedModel, ToolNames(tools), inputTokensEstimate);

    public static ResponsesStreamTranslator CreateResponsesTranslator(string requestedModel = "claude-sonnet-4-5-20250929", int inputTokensEstimate = 100, params string[] tools) =>
        new(MessageId, requestedModel, ToolNames(tools), inputTokensEstimate);

    private static ToolNameMap ToolNames(string[] tools)
    {
        var toolNames = new ToolNameMap();
        foreach (var tool in tools) toolNames.ToUpstream(tool);
        return toolNames;
    }
}
