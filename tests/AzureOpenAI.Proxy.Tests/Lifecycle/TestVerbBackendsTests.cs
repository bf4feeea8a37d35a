using AzureOpenAI.TestSupport.FakeUpstream;
using Xunit;

namespace AzureOpenAI.Proxy.Tests.Lifecycle;

/// <summary>
/// <c>test</c> with pools.json calls every backend directly, on strict fakes: one line each (tier, endpoint host,
/// deployment, ok or the cause in words), no key shown, and a failed backend fails the run.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class TestVerbBackendsTests
{
    private const string EastKey = "east-key-0123456789abcdef0123456789";
    private const string WestKey = "west-key-0123456789abcdef0123456789";
    private const string WrongKey = "wrong-key-0123456789abcdef01234567";

    [Fact]
    public async Task EveryBackend_IsTested_OneLineEach_WithTheCauseOfEachFailure()
    {
        var token = TestContext.Current.CancellationToken;
        await using var east = await FakeUpstreamServer.StartAsync(new FakeUpstreamOptions { ApiKey = EastKey }.WithDeployment("gpt-5-ptu", "gpt-5", 128000), token);
        await using var west = await FakeUpstreamServer.StartAsync(new FakeUpstreamOptions { ApiKey = WestKey }, token);
        await using var sandbox = new Sandbox();
        Directory.CreateDirectory(sandbox.DataHome);
        var pools = Path.Combine(sandbox.DataHome, "pools.json");
        await File.WriteAllTextAsync(pools, $$"""
            {
              "big": [
                { "endpoint": "{{east.BaseUri}}", "deployment": "gpt-5-ptu", "apiVersion": "2024-10-21", "apiKey": "{{EastKey}}", "priority": 1 },
                { "endpoint": "{{west.BaseUri}}", "deployment": "gpt-5", "provider": "azure", "apiKey": "{{WrongKey}}", "priority": 2 }
              ],
              "small": [
                { "endpoint": "{{west.BaseUri}}", "deployment": "gpt-5-nano", "provider": "azure", "apiKey": "{{WestKey}}" }
              ]
            }
            """, token);
        File.SetUnixFileMode(pools, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var run = await sandbox.RunAsync("test", "--model", "big");

        Assert.True(run.ExitCode == 1, run.ToString());
        var lines = run.Stdout.Split('\n').Where(l => l.StartsWith("backend ", StringComparison.Ordinal)).ToArray();
        Assert.True(lines.Length == 3, run.ToString());
        Assert.Matches($@"^backend     big {east.BaseUri.Host}/gpt-5-ptu: ok, \d+ ms$", lines[0]);
        Assert.StartsWith($"backend     big {west.BaseUri.Host}/gpt-5: failed: {west.BaseUri.Host} rejected the API key (401)", lines[1], StringComparison.Ordinal);
        Assert.Contains("check \"apiKey\" at pools.json line 4", lines[1], StringComparison.Ordinal);
        Assert.StartsWith($"backend     small {west.BaseUri.Host}/gpt-5-nano: failed: deployment \"gpt-5-nano\" was not found on {west.BaseUri.Host} (404 DeploymentNotFound): "
            + "set \"deployment\" at pools.json line 7", lines[2], StringComparison.Ordinal);
        Assert.Contains("test failed: a pools.json backend did not answer", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("deployment  ", run.Stdout, StringComparison.Ordinal); // the big tier is pooled: no single-deployment test
        foreach (var secret in new[] { EastKey, WestKey, WrongKey }) Assert.DoesNotContain(secret, run.Output, StringComparison.Ordinal);
        Assert.Equal("/openai/deployments/gpt-5-ptu/chat/completions", Assert.Single(east.Requests).Path);
        Assert.Equal(EastKey, east.Requests[0].Headers["api-key"]);
        Assert.Equal(2, west.Requests.Count);
    }
}
