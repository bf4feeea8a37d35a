using System.Text;
using AzureOpenAI.Proxy.Configuration;

namespace AzureOpenAI.Proxy.Tests.Configuration;

public sealed class ClaudeCodeLimitsTests
{
    [Fact]
    public void MaxOutputTokens_IsTheReservation_AndTheWindow_IsTheSmallestKnownOne()
    {
        var env = ClaudeCodeLimits.Environment(new ProxySettings { BigModel = "gpt-4.1", MiddleModel = "gpt-5", SmallModel = "gpt-4o-mini", MaxOutputReservation = 8000 });

        Assert.Equal("8000", env[ClaudeCodeLimits.MaxOutputTokensKey]);
        Assert.Equal("128000", env[ClaudeCodeLimits.AutoCompactWindowKey]);
    }

    [Fact]
    public void AWindowBelowTheCliFloor_IsRaisedTo100k_AndPoolBackendsCount()
    {
        var pools = PoolsFileReader.Read(Encoding.UTF8.GetBytes(
            """{ "big": [ { "endpoint": "https://east.openai.azure.com", "deployment": "small-window", "apiKey": "k", "contextWindow": 64000 } ] }"""), "pools.json");

        var env = ClaudeCodeLimits.Environment(new ProxySettings { BigModel = "gpt-4.1", Pools = pools });

        Assert.Equal("100000", env[ClaudeCodeLimits.AutoCompactWindowKey]);
    }

    [Fact]
    public void UnknownDeploymentNames_SetNoWindow()
    {
        var env = ClaudeCodeLimits.Environment(new ProxySettings { BigModel = "my-deployment", MiddleModel = "another-one" });

        Assert.False(env.ContainsKey(ClaudeCodeLimits.AutoCompactWindowKey));
        Assert.True(env.ContainsKey(ClaudeCodeLimits.MaxOutputTokensKey));
    }
}
