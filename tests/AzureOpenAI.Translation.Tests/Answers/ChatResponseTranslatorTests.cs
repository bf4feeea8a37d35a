using System.Text;
using AzureOpenAI.Translation.Anthropic;
using AzureOpenAI.Translation.Mapping;
using Xunit;
using AzureOpenAI.Translation.Answers;

namespace AzureOpenAI.Translation.Tests.Answers;

public sealed class ChatResponseTranslatorTests
{
    private static byte[] Translate(string body) =>
        ChatResponseTranslator.ToMessagesResponse(Encoding.UTF8.GetBytes(body), ResponseGoldenTests.MessageId, "claude-haiku-4-5", new ToolNameMap()).Json;

    [Fact]
    public void ErrorBodyWithStatus200_ThrowsTheMappedError()
    {
        var exception = Assert.Throws<AnthropicRequestException>(() =>
            Translate("""{"error":{"message":"Rate limit reached for requests","type":"requests","code":"rate_limit_exceeded"}}"""));

        Assert.Equal(AnthropicErrorType.RateLimit, exception.Error.Type);
        Assert.Equal("Rate limit reached for requests", exception.Error.Message);
    }

    [Theory]
    [InlineData("<html>oops</html>", "the body is not a JSON object")]
    [InlineData("[1,2]", "the body is not a JSON object")]
    [InlineData("{}", "no choices in the chat completion")]
    [InlineData("""{"object":"chat.completion","choices":[]}""", "no choices in the chat completion")]
    public void BodyWithoutAMessage_IsAnUnusableAnswer(string body, string reason)
    {
        var exception = Assert.Throws<UnusableAnswerException>(() => Translate(body));

        Assert.Equal(reason, exception.Reason);
    }

    [Fact]
    public void DoubleEncodedArguments_AreUnwrappedToAnObject()
    {
        var message = Encoding.UTF8.GetString(Translate(
            """{"choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"Bash","arguments":"\"{\\\"command\\\":\\\"ls\\\"}\""}}]},"finish_reason":"tool_calls"}]}"""));

        Assert.Contains("\"input\":{\"command\":\"ls\"}", message, StringComparison.Ordinal);
    }
}
