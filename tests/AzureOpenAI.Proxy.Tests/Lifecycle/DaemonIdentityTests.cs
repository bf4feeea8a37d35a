using AzureOpenAI.Proxy.Daemon;
using Xunit;

namespace AzureOpenAI.Proxy.Tests.Lifecycle;

/// <summary>Only a <c>/health</c> answer naming a pid and a data home identifies a daemon; anything else on the port does not.</summary>
public sealed class DaemonIdentityTests
{
    [Fact]
    public void HealthAnswerWithPidAndDataHome_IsAnIdentity() =>
        Assert.Equal(new DaemonIdentity(4242, "/home/u/.config/azure-openai"),
            DaemonIdentity.Parse("""{"status":"ok","pid":4242,"dataHome":"/home/u/.config/azure-openai"}"""));

    [Theory]
    [InlineData("""{"status":"ok","version":"1.0.0"}""")]
    [InlineData("""{"pid":"4242","dataHome":"/d"}""")]
    [InlineData("""{"pid":4242,"dataHome":7}""")]
    [InlineData("""[1,2]""")]
    [InlineData("<html>ok</html>")]
    public void AnythingElse_IsNone(string body) => Assert.Null(DaemonIdentity.Parse(body));
}
