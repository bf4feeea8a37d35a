using System.Text;
using System.Text.Json.Nodes;
using AzureOpenAI.Translation.Anthropic;
using AzureOpenAI.Translation.Mapping;
using Xunit;
using AzureOpenAI.Translation.Errors;

namespace AzureOpenAI.Translation.Tests.Errors;

public sealed class UpstreamErrorMapperTests
{
    private static AnthropicError Map(int status, string body, string? deployment = null) =>
        UpstreamErrorMapper.Map(status, Encoding.UTF8.GetBytes(body), deployment);

    private static string OpenAIError(string message, string? code = null, string? type = "invalid_request_error") =>
        new JsonObject
        {
            ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["param"] = null, ["code"] = code },
        }.ToJsonString();

    [Theory]
    [InlineData(400, AnthropicErrorType.InvalidRequest, 400)]
    [InlineData(401, AnthropicErrorType.Authentication, 401)]
    [InlineData(402, AnthropicErrorType.Billing, 402)]
    [InlineData(403, AnthropicErrorType.Permission, 403)]
    [InlineData(404, AnthropicErrorType.NotFound, 404)]
    [InlineData(408, AnthropicErrorType.Timeout, 504)]
    [InlineData(409, AnthropicErrorType.InvalidRequest, 400)]
    [InlineData(413, AnthropicErrorType.RequestTooLarge, 413)]
    [InlineData(422, AnthropicErrorType.InvalidRequest, 400)]
    [InlineData(429, AnthropicErrorType.RateLimit, 429)]
    [InlineData(500, AnthropicErrorType.Api, 500)]
    [InlineData(502, AnthropicErrorType.Overloaded, 529)]
    [InlineData(503, AnthropicErrorType.Overloaded, 529)]
    [InlineData(504, AnthropicErrorType.Timeout, 504)]
    [InlineData(507, AnthropicErrorType.Api, 500)]
    public void Status_MapsToAnthropicTypeAndStatus(int upstreamStatus, AnthropicErrorType type, int anthropicStatus)
    {
        var error = Map(upstreamStatus, OpenAIError("Something specific went wrong.", type: null));

        Assert.Equal(type, error.Type);
        Assert.Equal(anthropicStatus, error.HttpStatus);
        Assert.Contains("Something specific went wrong.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadRequest_KeepsTheUpstreamMessage()
    {
        var error = Map(400, OpenAIError("Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.", "unsupported_parameter"));

        Assert.Equal(AnthropicErrorType.InvalidRequest, error.Type);
        Assert.Equal("Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.", error.Message);
    }

    [Fact]
    public void AzureContextLengthExceeded_RewritesToPromptIsTooLong()
    {
        var error = Map(400, OpenAIError(
            "This model's maximum context length is 128000 tokens. However, your messages resulted in 130563 tokens. Please reduce the length of the messages.",
            "context_length_exceeded"));

        Assert.Equal(AnthropicErrorType.InvalidRequest, error.Type);
        Assert.Equal("prompt is too long: 130563 tokens > 128000 maximum", error.Message);
    }

    [Fact]
    public void RequestedTokensWording_RewritesToPromptIsTooLong()
    {
        var error = Map(400, OpenAIError("This model's maximum context length is 32768 tokens. However, you requested 40000 tokens. Please reduce your prompt.", code: null));

        Assert.Equal("prompt is too long: 40000 tokens > 32768 maximum", error.Message);
    }

    [Fact]
    public void PromptFitsButCompletionDoesNot_RewritesToInputLengthAndMaxTokens()
    {
        var error = Map(400, OpenAIError(
            "This model's maximum context length is 65536 tokens. However, you requested 70000 tokens (60000 in the messages, 10000 in the completion). Please reduce the length of the messages or completion."));

        Assert.Equal("input length and `max_tokens` exceed context limit: 60000 + 10000 > 65536", error.Message);
    }

    [Fact]
    public void PromptAloneTooLongInSplitWording_RewritesToPromptIsTooLong()
    {
        var error = Map(400, OpenAIError(
            "This model's maximum context length is 65536 tokens. However, you requested 75000 tokens (70000 in the messages, 5000 in the completion)."));

        Assert.Equal("prompt is too long: 70000 tokens > 65536 maximum", error.Message);
    }

    [Fact]
    public void VllmInputTokensWording_RewritesToPromptIsTooLong()
    {
        var error = Map(400, """{"object":"error","message":"This model's maximum context length is 32768 tokens. However, your request has 40000 input tokens. Please reduce the length of the input messages.","type":"BadRequestError","param":null,"code":400}""");

        Assert.Equal("prompt is too long: 40000 tokens > 32768 maximum", error.Message);
    }

    [Fact]
    public void ContextLengthCodeWithoutNumbers_StillStartsWithPromptIsTooLong()
    {
        var error = Map(400, OpenAIError("Input is too long for this model.", "context_length_exceeded"));

        Assert.Equal("prompt is too long: Input is too long for this model.", error.Message);
    }

    [Fact]
    public void Azure429WithStringCode_IsRateLimitKeepingTheMessage()
    {
        var error = Map(429, """{"error":{"code":"429","message":"Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after 45 seconds."}}""");

        Assert.Equal(AnthropicErrorType.RateLimit, error.Type);
        Assert.Equal(429, error.HttpStatus);
        Assert.Contains("Please retry after 45 seconds.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InsufficientQuota429_IsBillingBecauseRetryingIsFutile()
    {
        var error = Map(429, OpenAIError("You exceeded your current quota, please check your plan and billing details.", "insufficient_quota", "insufficient_quota"));

        Assert.Equal(AnthropicErrorType.Billing, error.Type);
    }

    [Fact]
    public void HtmlBody_GivesShortMessageWithStatusAndTitle()
    {
        var html = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center>"
                   + new string('x', 5000) + "<hr><center>nginx</center></body></html>";

        var error = Map(502, html);

        Assert.Equal(AnthropicErrorType.Overloaded, error.Type);
        Assert.Equal("502 Bad Gateway", error.Message);
    }

    [Fact]
    public void HtmlBodyWithoutTitle_IsTruncatedTextWithoutTags()
    {
        var error = Map(500, "<html><body><p>Internal failure " + new string('y', 1000) + "</p></body></html>");

        Assert.DoesNotContain("<", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("Internal failure yyy", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length <= 201, error.Message);
    }

    [Fact]
    public void EmptyBody_MentionsTheStatus()
    {
        var error = Map(503, "");

        Assert.Equal(AnthropicErrorType.Overloaded, error.Type);
        Assert.Equal("The upstream answered HTTP 503.", error.Message);
    }

    [Fact]
    public void DeploymentNotFound_NamesTheDeployment()
    {
        var error = Map(404, """{"error":{"code":"DeploymentNotFound","message":"The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again."}}""", "my-gpt4");

        Assert.Equal(AnthropicErrorType.NotFound, error.Type);
        Assert.StartsWith("The Azure deployment 'my-gpt4' was not found (DeploymentNotFound): The API deployment for this resource does not exist.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unauthorized_MentionsTheApiKey()
    {
        var error = Map(401, """{"error":{"code":"401","message":"Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource."}}""");

        Assert.Equal(AnthropicErrorType.Authentication, error.Type);
        Assert.Contains("Access denied due to invalid subscription key", error.Message, StringComparison.Ordinal);
        Assert.Contains("OPENAI_API_KEY", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OllamaStringError_KeepsTheText()
    {
        var error = Map(404, """{"error":"model \"llama9\" not found, try pulling it first"}""");

        Assert.Equal("model \"llama9\" not found, try pulling it first", error.Message);
    }

    [Theory]
    [InlineData("""{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}""", AnthropicErrorType.RateLimit)]
    [InlineData("""{"object":"error","message":"Engine overloaded","type":"ServiceUnavailableError","param":null,"code":503}""", AnthropicErrorType.Overloaded)]
    [InlineData("""{"error":{"message":"The server had an error","type":"server_error","param":null,"code":null}}""", AnthropicErrorType.Api)]
    [InlineData("""{"error":{"code":"server_error","message":"Provider disconnected unexpectedly"},"choices":[{"index":0,"delta":{"content":""},"finish_reason":"error"}]}""", AnthropicErrorType.Api)]
    public void MidStreamPayload_TakesItsStatusFromTheCode(string payload, AnthropicErrorType type) =>
        Assert.Equal(type, UpstreamErrorMapper.MapPayload(Encoding.UTF8.GetBytes(payload)).Type);

    [Theory]
    [InlineData("""{"error":{"message":"max_tokens is too large: 200000. This model supports at most 16384 completion tokens, whereas you provided 200000.","type":"invalid_request_error","param":"max_tokens","code":"invalid_value"}}""", 16384)]
    [InlineData("""{"error":{"message":"max_completion_tokens is too large: 131072. This model supports at most 100000 completion tokens, whereas you provided 131072.","type":"invalid_request_error","param":"max_completion_tokens","code":"invalid_value"}}""", 100000)]
    [InlineData("""{"error":{"message":"Invalid max_tokens value, the valid range of max_tokens is [1, 8192]","type":"invalid_request_error","param":null,"code":"invalid_request_error"}}""", 8192)]
    [InlineData("""{"error":{"message":"`max_tokens` must be less than or equal to `32768`, the maximum value for `max_tokens` is less than the `context_window` for this model","type":"invalid_request_error"}}""", 32768)]
    public void MaxTokensTooLarge_ReturnsTheModelLimit(string body, int expected)
    {
        Assert.True(UpstreamErrorMapper.TryParseMaxTokensLimit(Encoding.UTF8.GetBytes(body), out var limit));
        Assert.Equal(expected, limit);
    }

    [Theory]
    [InlineData("""{"error":{"message":"This model's maximum context length is 128000 tokens. However, your messages resulted in 130563 tokens.","code":"context_length_exceeded"}}""")]
    [InlineData("""{"error":{"message":"Unsupported parameter: 'max_tokens' is not supported with this model.","code":"unsupported_parameter"}}""")]
    [InlineData("<html>bad gateway</html>")]
    public void OtherErrors_HaveNoMaxTokensLimit(string body)
    {
        Assert.False(UpstreamErrorMapper.TryParseMaxTokensLimit(Encoding.UTF8.GetBytes(body), out var limit));
        Assert.Equal(0, limit);
    }
}
