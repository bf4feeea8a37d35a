using System.Net.Sockets;
using System.Text;
using AzureOpenAI.Proxy.Cli;
using Xunit;

namespace AzureOpenAI.Proxy.Tests.Lifecycle;

/// <summary>The wording of <c>test</c> failures that need no network to reproduce (the others run against the fake upstream).</summary>
public sealed class FailureExplainerTests
{
    private static readonly ProbeTarget Target = new("res.openai.azure.com", "gpt-4o", "MIDDLE_MODEL", "2024-10-21", TimeSpan.FromSeconds(30));

    [Fact]
    public void NameResolutionFailure_Direct_SaysDnsAndNamesTheHost()
    {
        var failure = ProbeFailure.FromException(new HttpRequestException("Name or service not known (res.openai.azure.com:443)",
            new SocketException((int)SocketError.HostNotFound)));

        Assert.Equal("the host name res.openai.azure.com cannot be resolved (DNS): check OPENAI_BASE_URL for a typo in the resource name",
            FailureExplainer.Explain(failure, Target));
    }

    [Fact]
    public void NameResolutionFailure_ThroughTheProxy_SaysDns()
    {
        var body = """{"type":"error","error":{"type":"overloaded_error","message":"could not reach the upstream res.openai.azure.com: Name or service not known"}}""";

        var failure = ProbeFailure.FromHttp(529, Encoding.UTF8.GetBytes(body));

        Assert.Equal(ProbeFailureKind.NameResolution, failure.Kind);
        Assert.StartsWith("the host name res.openai.azure.com cannot be resolved (DNS)", FailureExplainer.Explain(failure, Target), StringComparison.Ordinal);
    }

    [Fact]
    public void Timeout_ThroughTheProxy_SaysTimeout()
    {
        var body = """{"type":"error","error":{"type":"timeout_error","message":"the upstream did not answer within REQUEST_TIMEOUT=30s"}}""";

        Assert.StartsWith("res.openai.azure.com did not answer within 30 s (timeout)",
            FailureExplainer.Explain(ProbeFailure.FromHttp(504, Encoding.UTF8.GetBytes(body)), Target), StringComparison.Ordinal);
    }

    [Fact]
    public void KeyAuthDisabled_SaysSoAndPointsToEntra()
    {
        var body = """{"error":{"code":"AuthenticationTypeDisabled","message":"Key based authentication is disabled for this resource."}}""";

        Assert.StartsWith("key authentication is disabled on res.openai.azure.com (401): use Microsoft Entra ID",
            FailureExplainer.Explain(ProbeFailure.FromHttp(401, Encoding.UTF8.GetBytes(body)), Target), StringComparison.Ordinal);
    }
}
