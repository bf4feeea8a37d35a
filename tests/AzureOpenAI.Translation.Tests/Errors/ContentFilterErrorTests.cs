using System.Text;
using AzureOpenAI.Translation.Anthropic;
using AzureOpenAI.Translation.Mapping;
using Xunit;
using AzureOpenAI.Translation.Errors;

namespace AzureOpenAI.Translation.Tests.Errors;

/// <summary>Azure's prompt filter 400 (PROTOCOL.md §3.3) becomes an invalid_request_error that names what fired and how to change the policy.</summary>
public sealed class ContentFilterErrorTests
{
    private const string AzureMessage =
        "The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry.";

    /// <summary>The wire shape: <c>innererror</c> / <c>content_filter_result</c>, jailbreak detected.</summary>
    private const string WireJailbreak = """
        {"error":{"code":"content_filter","status":400,"param":"prompt","type":null,"message":"The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry.",
          "innererror":{"code":"ResponsibleAIPolicyViolation","content_filter_result":{
            "hate":{"filtered":false,"severity":"safe"},"jailbreak":{"filtered":true,"detected":true},
            "self_harm":{"filtered":false,"severity":"safe"},"sexual":{"filtered":false,"severity":"safe"},
            "violence":{"filtered":false,"severity":"safe"}}}}}
        """;

    /// <summary>The spec's spelling: <c>inner_error</c> / <c>content_filter_results</c>, two severity categories.</summary>
    private const string SpecSpellingViolence = """
        {"error":{"code":"content_filter","message":"The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry.",
          "inner_error":{"code":"ResponsibleAIPolicyViolation","content_filter_results":{
            "hate":{"filtered":true,"severity":"medium"},"violence":{"filtered":true,"severity":"high"},
            "sexual":{"filtered":false,"severity":"safe"}}}}}
        """;

    private static AnthropicError Map(string body) => UpstreamErrorMapper.Map(400, Encoding.UTF8.GetBytes(body));

    [Fact]
    public void PromptFilter_WireSpelling_NamesJailbreakAndThePolicy()
    {
        var error = Map(WireJailbreak);

        Assert.Equal(AnthropicErrorType.InvalidRequest, error.Type);
        Assert.Equal(400, error.HttpStatus);
        Assert.StartsWith("Azure content filter blocked the prompt (jailbreak detected). ", error.Message, StringComparison.Ordinal);
        Assert.Contains("content filter policy", error.Message, StringComparison.Ordinal);
        Assert.Contains(AzureMessage, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PromptFilter_SpecSpelling_NamesEverySeverityCategoryThatFired()
    {
        var error = Map(SpecSpellingViolence);

        Assert.StartsWith("Azure content filter blocked the prompt (hate, severity medium, violence, severity high). ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sexual", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PromptFilter_InnerCodeWithoutTopLevelCode_IsRecognised()
    {
        var error = Map("""{"error":{"code":"BadRequest","message":"filtered","innererror":{"code":"ResponsibleAIPolicyViolation","content_filter_result":{"self_harm":{"filtered":true,"severity":"low"}}}}}""");

        Assert.StartsWith("Azure content filter blocked the prompt (self harm, severity low). ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PromptFilter_WithoutCategories_StillExplainsThePolicy()
    {
        var error = Map("""{"error":{"code":"content_filter","message":"The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry."}}""");

        Assert.StartsWith("Azure content filter blocked the prompt. ", error.Message, StringComparison.Ordinal);
        Assert.Contains(ContentFilterError.PolicyAdvice, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OtherBadRequest_KeepsTheUpstreamMessage()
    {
        var error = Map("""{"error":{"code":"BadRequest","message":"Invalid 'tools[0].name'.","innererror":{"code":"SomethingElse"}}}""");

        Assert.Equal("Invalid 'tools[0].name'.", error.Message);
    }
}
