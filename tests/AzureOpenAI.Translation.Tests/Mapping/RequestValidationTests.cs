using AzureOpenAI.Translation.Anthropic;
using AzureOpenAI.Translation.Mapping;
using Xunit;
using static AzureOpenAI.Translation.Tests.Mapping.RequestTranslation;

namespace AzureOpenAI.Translation.Tests.Mapping;

/// <summary>Requests the mappers cannot translate are rejected with a 400 message that names the field.</summary>
public sealed class RequestValidationTests
{
    [Fact]
    public void MissingModel_IsRejectedNamingModel() =>
        Assert.Equal("model: field required", RejectionOf("""{"max_tokens":10,"messages":[{"role":"user","content":"hi"}]}"""));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void MissingModel_IsTheSameErrorForTheEndpointAndBothMappers(string? model)
    {
        var request = Parse(Minimal()); // a valid request but for its model
        request.Model = model;
        var error = RequestValidation.MissingModel(request);

        Assert.Equal(new AnthropicError(AnthropicErrorType.InvalidRequest, "model: field required"), error);
        Assert.Equal(error, Assert.Throws<AnthropicRequestException>(() => ChatCompletionsRequestMapper.Build(request, DefaultOptions)).Error);
        Assert.Equal(error, Assert.Throws<AnthropicRequestException>(() => ResponsesRequestMapper.Build(request, DefaultOptions)).Error);
    }

    [Fact]
    public void NamedModel_PassesTheModelCheck() => Assert.Null(RequestValidation.MissingModel(Parse(Minimal())));

    [Fact]
    public void MissingMessages_IsRejectedNamingMessages() =>
        Assert.Equal("messages: field required", RejectionOf("""{"model":"m","max_tokens":10}"""));

    [Fact]
    public void EmptyMessages_IsRejected() =>
        Assert.StartsWith("messages: ", RejectionOf(Minimal(messages: "[]")));

    [Fact]
    public void MissingMaxTokens_IsRejectedNamingMaxTokens() =>
        Assert.Equal("max_tokens: field required", RejectionOf("""{"model":"m","messages":[{"role":"user","content":"hi"}]}"""));

    [Fact]
    public void ZeroMaxTokens_IsRejected() =>
        Assert.StartsWith("max_tokens: ", RejectionOf("""{"model":"m","max_tokens":0,"messages":[{"role":"user","content":"hi"}]}"""));

    [Fact]
    public void UnknownRole_IsRejectedNamingTheMessage() =>
        Assert.StartsWith("messages.1.role: unknown role \"tool\"",
            RejectionOf(Minimal(messages: """[{"role":"user","content":"a"},{"role":"tool","content":"b"}]""")));

    [Fact]
    public void MissingRole_IsRejected() =>
        Assert.Equal("messages.0.role: field required", RejectionOf(Minimal(messages: """[{"content":"a"}]""")));

    [Theory]
    [InlineData("42")]
    [InlineData("{\"type\":\"text\",\"text\":\"a\"}")]
    [InlineData("null")]
    public void ContentOfTheWrongKind_IsRejectedNamingTheContent(string content) =>
        Assert.Equal("messages.3.content: expected a string or an array of content blocks",
            RejectionOf(Minimal(messages: $$"""[{"role":"user","content":"a"},{"role":"assistant","content":"b"},{"role":"user","content":"c"},{"role":"assistant","content":{{content}}}]""")));

    [Fact]
    public void MissingContent_IsRejected() =>
        Assert.Equal("messages.0.content: field required", RejectionOf(Minimal(messages: """[{"role":"user"}]""")));

    [Fact]
    public void BlockThatIsNotAnObject_IsRejectedNamingTheBlock() =>
        Assert.Equal("messages.0.content.1: expected a content block object",
            RejectionOf(Minimal(messages: """[{"role":"user","content":[{"type":"text","text":"a"},"b"]}]""")));

    [Fact]
    public void TextBlockWithoutText_IsRejectedNamingTheField() =>
        Assert.Equal("messages.0.content.0.text: field required", RejectionOf(Minimal(messages: """[{"role":"user","content":[{"type":"text"}]}]""")));

    [Fact]
    public void TextBlockWithNonStringText_IsRejected() =>
        Assert.Equal("messages.0.content.0.text: expected a string", RejectionOf(Minimal(messages: """[{"role":"user","content":[{"type":"text","text":5}]}]""")));

    [Fact]
    public void ToolUseWithoutId_IsRejected() =>
        Assert.Equal("messages.1.content.0.id: field required", RejectionOf(Minimal(messages:
            """[{"role":"user","content":"a"},{"role":"assistant","content":[{"type":"tool_use","name":"Bash","input":{}}]}]""")));

    [Fact]
    public void ToolResultWithoutToolUseId_IsRejected() =>
        Assert.Equal("messages.0.content.0.tool_use_id: field required",
            RejectionOf(Minimal(messages: """[{"role":"user","content":[{"type":"tool_result","content":"x"}]}]""")));

    [Fact]
    public void ToolResultWithNumericContent_IsRejected() =>
        Assert.Equal("messages.0.content.0.content: expected a string or an array of content blocks",
            RejectionOf(Minimal(messages: """[{"role":"user","content":[{"type":"tool_result","tool_use_id":"t","content":1}]}]""")));

    [Fact]
    public void ImageInsideToolResultWithoutSource_IsRejectedNamingTheNestedBlock() =>
        Assert.Equal("messages.0.content.0.content.1.source: field required", RejectionOf(Minimal(messages:
            """[{"role":"user","content":[{"type":"tool_result","tool_use_id":"t","content":[{"type":"text","text":"a"},{"type":"image"}]}]}]""")));

    [Fact]
    public void ImageFileSource_IsRejectedAsUnsupported() =>
        Assert.StartsWith("messages.0.content.0.source.type: image source \"file\"", RejectionOf(Minimal(messages:
            """[{"role":"user","content":[{"type":"image","source":{"type":"file","file_id":"file_011"}}]}]""")));

    [Fact]
    public void SystemOfTheWrongKind_IsRejected() =>
        Assert.Equal("system: expected a string or an array of text blocks", RejectionOf(Minimal("\"system\":7")));

    [Fact]
    public void ClientToolWithoutName_IsRejected() =>
        Assert.Equal("tools.1.name: field required",
            RejectionOf(Minimal("""
                "tools":[{"name":"A","input_schema":{"type":"object"}},{"input_schema":{"type":"object"}}]
                """)));

    [Fact]
    public void UnknownToolChoiceType_IsRejected() =>
        Assert.StartsWith("tool_choice.type: unknown tool_choice type \"sometimes\"",
            RejectionOf(Minimal("""
                "tools":[{"name":"A","input_schema":{"type":"object"}}],"tool_choice":{"type":"sometimes"}
                """)));

    [Fact]
    public void NamedToolChoiceWithoutName_IsRejected() =>
        Assert.Equal("tool_choice.name: field required",
            RejectionOf(Minimal("""
                "tools":[{"name":"A","input_schema":{"type":"object"}}],"tool_choice":{"type":"tool"}
                """)));
}
