using System.Text;
using AzureOpenAI.Translation.Mapping;
using Xunit;

namespace AzureOpenAI.Translation.Tests.Mapping;

/// <summary>The one check of a raw body's strings before it is parsed: the parser lets invalid UTF-8 and lone surrogates through.</summary>
public sealed class RequestTextTests
{
    private static string? Invalid(string json) => RequestValidation.InvalidText(Encoding.UTF8.GetBytes(json))?.Message;

    private static string? InvalidBytes(params byte[][] pieces) => RequestValidation.InvalidText(pieces.SelectMany(p => p).ToArray())?.Message;

    [Theory]
    [InlineData("""{"messages":[{"content":"héllo \ud83d\ude00 \u00e9"}]}""")]
    [InlineData("""{"a":"C:\\udp\\uDc"}""")] // an escaped backslash before "ud" is no escape
    [InlineData("""{"a":"\\\ud83d\udE00"}""")]
    [InlineData("""[1,"x",{"\ud83d\ude00":true}]""")]
    public void ValidText_PassesIncludingEscapedPairs(string json) => Assert.Null(Invalid(json));

    [Theory]
    [InlineData("""{"messages":[{"role":"user","content":[{"type":"text","text":"a\ud800"}]}]}""", "messages.0.content.0.text")]
    [InlineData("""{"messages":[{"content":"\ud800\u0041"}]}""", "messages.0.content")]
    [InlineData("""{"messages":[{"content":"x\uDC00"}]}""", "messages.0.content")]
    [InlineData("""{"a":[1,[2,"\udfff"]]}""", "a.1.1")]
    [InlineData("""{"system":"ok","tools":[{"input_schema":{"\ud800":{}}}]}""", "tools.0.input_schema")]
    [InlineData("""["\ud800"]""", "0")]
    [InlineData("""  "\ud800"  """, "body")]
    public void UnpairedSurrogateEscape_IsNamedByItsField(string json, string field) =>
        Assert.StartsWith(field + ": ", Invalid(json), StringComparison.Ordinal);

    [Fact]
    public void InvalidUtf8_IsNamedByItsField() =>
        Assert.Equal("messages.1.content: is not valid UTF-8",
            InvalidBytes("""{"messages":[{"content":"ok"},{"content":"bad """u8.ToArray(), [0xC3, 0x28], "\"}]}"u8.ToArray()));

    [Fact]
    public void InvalidUtf8InAPropertyName_NamesTheObject() =>
        Assert.Equal("metadata: property name is not valid UTF-8", InvalidBytes("""{"metadata":{" """u8.ToArray(), [0xFF], "\":1}}"u8.ToArray()));

    [Theory]
    [InlineData("""{"a":"\ud83d"}""")]
    [InlineData("""{"a":"\ud83d\ud83d\ude00"}""")]
    public void HighSurrogateWithoutItsLowHalf_IsUnpaired(string json) => Assert.StartsWith("a: ", Invalid(json), StringComparison.Ordinal);

    [Theory]
    [InlineData("""{"a":"\ud83d""")]
    [InlineData("""{"a":"\ud83d\ude0""")]
    [InlineData("""{"a":"x\""")]
    public void BodyCutInsideAnEscape_IsNotJson(string json) => Assert.ThrowsAny<System.Text.Json.JsonException>(() => Invalid(json));
}
