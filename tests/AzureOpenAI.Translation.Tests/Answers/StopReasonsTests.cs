using AzureOpenAI.Translation.Mapping;
using Xunit;
using AzureOpenAI.Translation.Answers;

namespace AzureOpenAI.Translation.Tests.Answers;

public sealed class StopReasonsTests
{
    [Theory]
    [InlineData("stop", "end_turn")]
    [InlineData("length", "max_tokens")]
    [InlineData("tool_calls", "tool_use")]
    [InlineData("function_call", "tool_use")]
    [InlineData("content_filter", "refusal")]
    [InlineData("eos", "end_turn")]
    [InlineData(null, null)]
    public void FinishReason_MapsToStopReason(string? finishReason, string? expected) =>
        Assert.Equal(expected, StopReasons.FromFinishReason(finishReason));

    [Theory]
    [InlineData("end_turn", true, false, "tool_use")]
    [InlineData(null, true, false, "tool_use")]
    [InlineData(null, false, false, "end_turn")]
    [InlineData("max_tokens", true, false, "max_tokens")]
    [InlineData("refusal", true, false, "refusal")]
    [InlineData("end_turn", false, true, "refusal")]
    public void Resolve_RefusalThenTruncationThenToolUse(string? mapped, bool sawToolCall, bool sawRefusal, string expected) =>
        Assert.Equal(expected, StopReasons.Resolve(mapped, sawToolCall, sawRefusal));
}
