using System.Text;
using AzureOpenAI.Translation.Streaming;
using Xunit;

namespace AzureOpenAI.Translation.Tests.Streaming;

public sealed class JsonCompletionTrackerTests
{
    private static bool IsComplete(params string[] escapedFragments)
    {
        var tracker = new JsonCompletionTracker();
        foreach (var fragment in escapedFragments) tracker.Observe(Encoding.UTF8.GetBytes(fragment));
        return tracker.IsComplete;
    }

    [Theory]
    [InlineData(true, """{\"command\":\"ls\"}""")]
    [InlineData(true, """{\"a\":""", """[1,{\"b\":2}]}""")]
    [InlineData(false, """{\"a\":[1,2]""")]
    [InlineData(false, "{\\\"text\\\":\\\"}\\\"")]
    [InlineData(true, """{\"text\":\"} \\\" {\"}""")]
    [InlineData(true, """\u007b\"a\":1\u007d""")]
    [InlineData(true, """{\"a\":\"\u0022}""")]
    [InlineData(false, """{\"a\":\u0022}""")]
    [InlineData(false, "")]
    [InlineData(false, """   """)]
    [InlineData(true, """{}""")]
    public void Observe_TracksCompletionAcrossEscapedFragments(bool expected, params string[] fragments) =>
        Assert.Equal(expected, IsComplete(fragments));
}
