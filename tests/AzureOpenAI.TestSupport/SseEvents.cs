namespace AzureOpenAI.TestSupport;

/// <summary>One server-sent event: its <c>event:</c> name (null when absent, as in Chat Completions) and its joined <c>data:</c> lines.</summary>
public sealed record SseEvent(string? Event, string Data);

/// <summary>Parses a whole SSE text (as in golden <c>.sse</c> files) per the WHATWG rules the SDKs follow.</summary>
public static class SseEvents
{
    public static IReadOnlyList<SseEvent> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var events = new List<SseEvent>();
        string? name = null;
        List<string> data = [];
        foreach (var line in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (line.Length == 0)
            {
                if (data.Count > 0) events.Add(new SseEvent(name, string.Join('\n', data)));
                name = null;
                data = [];
                continue;
            }
            if (line[0] == ':') continue; // comment
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..];
            if (value.StartsWith(' ')) value = value[1..];
            if (field == "event") name = value;
            else if (field == "data") data.Add(value);
        }
        if (data.Count > 0) events.Add(new SseEvent(name, string.Join('\n', data)));
        return events;
    }
}
