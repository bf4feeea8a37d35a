using AzureOpenAI.Translation.Mapping;
using Xunit;
using static AzureOpenAI.Translation.Tests.Mapping.RequestTranslation;

namespace AzureOpenAI.Translation.Tests.Mapping;

/// <summary>
/// Shapes the deserializer accepts but the mapping cannot use (null entries, a schema of the wrong JSON type) are a 400
/// naming the field, never an exception of another kind; <see cref="RequestValidation.Untranslatable"/> gives endpoints
/// that do not translate (count_tokens) the same answer.
/// </summary>
public sealed class MalformedRequestTests
{
    [Fact]
    public void NullMessage_IsRejectedNamingIt() =>
        Assert.Equal("messages.1: expected a message object", RejectionOf(Minimal(messages: """[{"role":"user","content":"a"},null]""")));

    [Fact]
    public void NullTool_IsRejectedNamingIt() => Assert.Equal("tools.0: expected a tool object", RejectionOf(Minimal("\"tools\":[null]")));

    [Theory]
    [InlineData("5")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("""["object"]""")]
    [InlineData("{}")]
    [InlineData("\"string\"")]
    public void SchemaTypeOtherThanObject_IsRejectedNamingIt(string type) =>
        Assert.Equal("tools.1.input_schema.type: expected \"object\"", RejectionOf(Minimal("""
            "tools":[{"name":"a","input_schema":{"type":"object"}},{"name":"b","input_schema":{"type":
            """ + type + "}}]")));

    [Theory]
    [InlineData("5")]
    [InlineData("\"object\"")]
    [InlineData("[]")]
    public void SchemaThatIsNoObject_IsRejectedNamingIt(string schema) =>
        Assert.Equal("tools.0.input_schema: expected a JSON Schema object", RejectionOf(Minimal($$"""
            "tools":[{"name":"a","input_schema":{{schema}}}]
            """)));

    [Theory]
    [InlineData("")]
    [InlineData(",\"input_schema\":null")]
    [InlineData(",\"input_schema\":{\"properties\":{}}")]
    public void MissingSchemaOrType_IsStillAnObjectSchema(string schema) =>
        Assert.Equal("object", Translate(Minimal($$"""
            "tools":[{"name":"a"{{schema}}}]
            """))["tools"]![0]!["function"]!["parameters"]!["type"]!.GetValue<string>());

    [Theory]
    [InlineData("\"temperature\":1.5", "temperature")]
    [InlineData("\"temperature\":-0.1", "temperature")]
    [InlineData("\"temperature\":1E+308", "temperature")]
    [InlineData("\"top_p\":2", "top_p")]
    public void SamplingOutsideAnthropicsRange_IsRejectedNamingIt(string field, string name) =>
        Assert.Equal(name + ": must be between 0 and 1", RejectionOf(Minimal(field)));

    [Theory]
    [InlineData("\"temperature\":0,\"top_p\":1")]
    [InlineData("\"temperature\":1,\"top_p\":0")]
    public void SamplingAtTheEndsOfTheRange_IsAccepted(string fields) => Assert.NotNull(Translate(Minimal(fields)));

    [Fact]
    public void Untranslatable_GivesTheMappersError() =>
        Assert.Equal("tools.0.input_schema.type: expected \"object\"",
            RequestValidation.Untranslatable(Parse(Minimal("""
                "tools":[{"name":"a","input_schema":{"type":1}}]
                """)))?.Message);

    [Fact]
    public void Untranslatable_IsNullForATranslatableRequestWithoutMaxTokens() =>
        Assert.Null(RequestValidation.Untranslatable(Parse("""{"model":"m","messages":[{"role":"user","content":"hi"}]}""")));
}
