using AzureOpenAI.Proxy.Configuration;
using Xunit;

namespace AzureOpenAI.Proxy.Tests.Lifecycle;

public sealed class SecretMaskTests
{
    [Theory]
    [InlineData("0123456789abcdef", "012****cdef")]
    [InlineData("0123456789ab", "012****89ab")]
    [InlineData("0123456789a", "****")]
    [InlineData("abc", "****")]
    [InlineData("", "(not set)")]
    [InlineData(null, "(not set)")]
    public void Mask_ShowsAtMostThreeAndFourCharacters_AndNothingOfShortValues(string? secret, string expected) =>
        Assert.Equal(expected, SecretMask.Mask(secret));

    [Fact]
    public void Redact_ReplacesEveryKnownSecret_LongestFirst()
    {
        var redactor = new SecretRedactor(["sk-abcdefghijklmnopqrstuv", "sk-abcdefghijklmnopqrstuv-extended", null, "short"]);

        var line = redactor.Redact("key=sk-abcdefghijklmnopqrstuv-extended and sk-abcdefghijklmnopqrstuv, short stays");

        Assert.Equal("key=sk-****nded and sk-****stuv, short stays", line);
    }
}
