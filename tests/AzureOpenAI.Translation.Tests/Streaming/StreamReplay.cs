using System.Buffers;
using System.Net.ServerSentEvents;
using System.Text;
using AzureOpenAI.Translation.Mapping;
using AzureOpenAI.Translation.Streaming;

namespace AzureOpenAI.Translation.Tests.Streaming;

/// <summary>
/// Replays raw upstream SSE through a stream translator (Chat or Responses) the way the proxy does: the BCL
/// <see cref="SseParser"/> splits the bytes into <c>data:</c> payloads (comment lines never reach the translator),
/// each payload is processed, and EOF without <c>[DONE]</c> completes the stream.
/// </summary>
public static class StreamReplay
{
    public const string MessageId = "msg_01XFDUDYJgAACzvnptvVoYEL";

    public static async Task<byte[]> TranslateAsync(Stream upstream, Func<IAnthropicStreamTranslator> createTranslator)
    {
        ArgumentNullException.ThrowIfNull(createTranslator);
        var translator = createTranslator();
        var output = new ArrayBufferWriter<byte>();
        var parser = SseParser.Create(upstream, static (_, data) => data.ToArray());
        await foreach (var item in parser.EnumerateAsync())
        {
            translator.Process(item.Data, output);
            if (translator.IsFinished) break;
        }
        translator.Complete(output);
        return output.WrittenSpan.ToArray();
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

    /// <summary>Splits Anthropic SSE output into (event, data) pairs with the same BCL parser.</summary>
    public static List<(string Event, string Data)> Events(byte[] sse) =>
        SseParser.Create(new MemoryStream(sse), static (_, data) => Encoding.UTF8.GetString(data))
            .Enumerate().Select(item => (item.EventType, item.Data)).ToList();
}
