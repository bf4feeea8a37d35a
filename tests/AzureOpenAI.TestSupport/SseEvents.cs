using System.Net.ServerSentEvents;
using System.Text;

namespace AzureOpenAI.TestSupport;

/// <summary>One server-sent event: its <c>event:</c> name (null when absent, as in Chat Completions) and its joined <c>data:</c> lines.</summary>
public sealed record SseEvent(string? Event, string Data);

/// <summary>Splits a whole SSE text (a golden <c>.sse</c> file, a response body) into events with the BCL's <see cref="SseParser"/>, the parser the proxy uses.</summary>
public static class SseEvents
{
    public static IReadOnlyList<SseEvent> Parse(string text) => Parse(Encoding.UTF8.GetBytes(text));

    public static IReadOnlyList<SseEvent> Parse(byte[] utf8)
    {
        using var stream = new MemoryStream(utf8);
        return [.. SseParser.Create(stream, static (_, data) => Encoding.UTF8.GetString(data)).Enumerate()
            // The parser reports an event without an `event:` line under the default name; no stream here uses that name.
            .Select(item => new SseEvent(item.EventType == SseParser.EventTypeDefault ? null : item.EventType, item.Data))];
    }
}
