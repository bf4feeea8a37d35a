using System.Globalization;
using System.Text.Json.Nodes;
using AzureOpenAI.Proxy.Cli;
using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Proxy.Daemon;
using AzureOpenAI.Proxy.Tests.Support;
using AzureOpenAI.TestSupport.FakeUpstream;
using Xunit;

namespace AzureOpenAI.Proxy.Tests.Lifecycle;

/// <summary>
/// <c>setup</c> is one critical section under the data home's lock: config.env, settings.json and the daemon restart
/// of one setup never interleave with another's, so the token Claude Code presents is the one the daemon expects.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ConcurrentSetupTests
{
    private const string Key = "azure-key-SECRET-0123456789abcdef0123";
    private const string WaitingLine = "waiting for another setup, start or stop to finish";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task SixConcurrentSetups_LeaveOneTokenInConfigEnvSettingsJsonAndTheDaemon()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(new FakeUpstreamOptions { ApiKey = Key }, TestContext.Current.CancellationToken);
        await using var sandbox = new Sandbox();

        var runs = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => sandbox.RunAsync(SetupArguments(fake, sandbox), stdin: Key)));

        Assert.All(runs, run => Assert.True(run.ExitCode == 0, run.ToString()));
        var token = DotEnvParser.Parse(await File.ReadAllTextAsync(sandbox.ConfigEnv, TestContext.Current.CancellationToken), "config.env")["PROXY_AUTH_TOKEN"];
        var settings = JsonNode.Parse(await File.ReadAllTextAsync(sandbox.ClaudeSettings, TestContext.Current.CancellationToken))!;
        Assert.Equal(token, (string?)settings["env"]!["ANTHROPIC_AUTH_TOKEN"]);
        var daemon = sandbox.DaemonPid();
        Assert.Equal([daemon!.Value], sandbox.ServerProcesses());
        var url = new Uri((string)settings["env"]!["ANTHROPIC_BASE_URL"]!);
        var call = await ProxyProbe.RunAsync(url, token, "claude-sonnet-4-5", TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.True(call.Failure is null, call.Failure?.ToString());
        Assert.All(runs, run => Assert.DoesNotContain(Key, run.Output, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Setup_WaitsForTheDataHomeLock_BeforeWritingAnything()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(new FakeUpstreamOptions { ApiKey = Key }, TestContext.Current.CancellationToken);
        await using var sandbox = new Sandbox();
        var home = new DataHome(sandbox.DataHome).EnsureExists();
        var stderr = Path.Combine(sandbox.Root, "setup.stderr");
        Task<CliRun> setup;

        using (var held = await DaemonLock.AcquireAsync(home.LockFile, TimeSpan.Zero, TestContext.Current.CancellationToken))
        {
            Assert.NotNull(held);
            // The shell sends setup's stderr to a file, so the test sees the waiting line while setup still runs.
            setup = ProcessRun.RunAsync(sandbox, "/bin/sh", ["-c", "exec \"$@\" 2>\"$0\"", stderr, .. Sandbox.Command, .. SetupArguments(fake, sandbox)],
                Key, Bound, TestContext.Current.CancellationToken);
            var deadline = DateTime.UtcNow + Bound;
            while (!(File.Exists(stderr) && (await File.ReadAllTextAsync(stderr, TestContext.Current.CancellationToken)).Contains(WaitingLine, StringComparison.Ordinal)))
            {
                Assert.True(DateTime.UtcNow < deadline && !setup.IsCompleted, $"setup did not wait for the lock: {(setup.IsCompleted ? await setup : "")}");
                await Task.Delay(50, TestContext.Current.CancellationToken);
            }

            Assert.False(File.Exists(sandbox.ConfigEnv));
            Assert.False(File.Exists(sandbox.ClaudeSettings));
        }
        var run = await setup;

        Assert.True(run.ExitCode == 0, $"{run}\n{await File.ReadAllTextAsync(stderr, TestContext.Current.CancellationToken)}");
        Assert.True(File.Exists(sandbox.ConfigEnv));
        Assert.NotNull(sandbox.DaemonPid());
    }

    private static string[] SetupArguments(FakeUpstreamServer fake, Sandbox sandbox) =>
    [
        "setup", "--endpoint", fake.BaseUri.AbsoluteUri, "--api-key-stdin", "--api-version", "v1",
        "--big", "gpt-4.1", "--middle", "gpt-4o", "--small", "gpt-4o-mini", "--port", sandbox.Port.ToString(CultureInfo.InvariantCulture),
    ];
}
