using AzureOpenAI.TestSupport;
using Xunit;

namespace AzureOpenAI.Translation.Tests.Contracts;

public sealed class SseEventsTests
{
    [Fact]
    public void Parse_ReadsNamedAndUnnamedEvents_SkipsComments_JoinsDataLines_DropsAnUnterminatedEvent()
    {
        var events = SseEvents.Parse("event: ping\r\ndata: {\"type\":\"ping\"}\r\n\r\n: keep-alive\n\ndata: a\ndata: b\n\ndata:[DONE]\n\ndata: cut");
        Assert.Equal([new SseEvent("ping", "{\"type\":\"ping\"}"), new SseEvent(null, "a\nb"), new SseEvent(null, "[DONE]")], events);
    }
}
