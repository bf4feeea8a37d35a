using System.Text.Json;
using AzureOpenAI.TestSupport.FakeUpstream;
using Xunit;

namespace AzureOpenAI.Proxy.Tests.Lifecycle;

/// <summary><c>status</c> shows every pools.json backend the running daemon reports: its state and its share of the last hour.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class StatusBackendsTests
{
    [Fact]
    public async Task Status_ListsEachBackend_AsTextAndJson()
    {
        await using var ptu = await FakeUpstreamServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var sandbox = new Sandbox();
        Directory.CreateDirectory(sandbox.DataHome);
        var pools = Path.Combine(sandbox.DataHome, "pools.json");
        await File.WriteAllTextAsync(pools, $$"""
            { "big": [ { "endpoint": "{{ptu.BaseUri}}", "deployment": "gpt-5", "provider": "azure", "apiKey": "{{ptu.Options.ApiKey}}", "priority": 1 } ] }
            """, TestContext.Current.CancellationToken);
        File.SetUnixFileMode(pools, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var started = await sandbox.RunAsync("start");
        Assert.True(started.ExitCode == 0, started.ToString());

        var text = await sandbox.RunAsync("status");
        var json = await sandbox.RunAsync("status", "--json");

        Assert.True(text.ExitCode == 0, text.ToString());
        var expected = $"backend       big {ptu.BaseUri.Host}/gpt-5: healthy, 0% of the last hour";
        Assert.True(text.Stdout.Contains(expected, StringComparison.Ordinal), text.Stdout);
        var backend = Assert.Single(JsonDocument.Parse(json.Stdout).RootElement.GetProperty("backends").EnumerateArray());
        Assert.Equal(("big", "healthy"), (backend.GetProperty("pool").GetString(), backend.GetProperty("state").GetString()));
        Assert.DoesNotContain(ptu.Options.ApiKey, text.Output + json.Output, StringComparison.Ordinal);
    }
}
