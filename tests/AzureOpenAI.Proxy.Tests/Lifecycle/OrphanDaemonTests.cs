using System.Globalization;
using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Proxy.Daemon;
using Xunit;

namespace AzureOpenAI.Proxy.Tests.Lifecycle;

/// <summary>
/// A daemon whose starter never wrote proxy.pid (a setup killed between the spawn and the write): real detached
/// <c>serve</c> processes, started the way <c>start</c> starts them, whose pid file is then deleted.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class OrphanDaemonTests
{
    private static readonly TimeSpan ListenBound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Daemon_RecordsItselfOnceListening_AndStopStopsItWithoutItsPidFile()
    {
        await using var sandbox = new Sandbox();
        var pid = await SpawnDaemonAsync(sandbox, sandbox.Port);
        File.Delete(sandbox.PidFile);

        var found = await RunningDaemon.FindAsync(new DataHome(sandbox.DataHome), Url(sandbox.Port), TestContext.Current.CancellationToken);
        Assert.Equal(pid, found?.Pid);

        var stopped = await sandbox.RunAsync("stop");

        Assert.True(stopped.ExitCode == 0, stopped.ToString());
        Assert.Contains($"stopped (pid {pid}, which had no pid file)", stopped.Stdout, StringComparison.Ordinal);
        Assert.Empty(sandbox.ServerProcesses());
    }

    [Fact]
    public async Task Status_FindsTheOrphanWithoutItsPidFile()
    {
        await using var sandbox = new Sandbox();
        var pid = await SpawnDaemonAsync(sandbox, sandbox.Port);
        File.Delete(sandbox.PidFile);

        var status = await sandbox.RunAsync("status");

        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains($"running (pid {pid}, {Url(sandbox.Port)}", status.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_AdoptsTheOrphan_ThenStatusReportsItRunning()
    {
        await using var sandbox = new Sandbox();
        var pid = await SpawnDaemonAsync(sandbox, sandbox.Port);
        File.Delete(sandbox.PidFile);

        var start = await sandbox.RunAsync("start");

        Assert.True(start.ExitCode == 0, start.ToString());
        Assert.Contains($"already running (pid {pid}, {Url(sandbox.Port)}; it had no pid file, now recorded)", start.Stdout, StringComparison.Ordinal);
        Assert.Equal(pid, sandbox.DaemonPid());
        var status = await sandbox.RunAsync("status");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains($"running (pid {pid}, {Url(sandbox.Port)}", status.Stdout, StringComparison.Ordinal);
        Assert.Equal([pid], sandbox.ServerProcesses());
    }

    [Fact]
    public async Task OrphanOfAnotherDataHome_OnThePort_IsNeitherAdoptedNorStopped()
    {
        await using var sandbox = new Sandbox();
        await using var other = new Sandbox();
        var foreign = await SpawnDaemonAsync(other, sandbox.Port);

        var start = await sandbox.RunAsync("start");

        Assert.True(start.ExitCode == 4, start.ToString());
        Assert.Contains($"port {sandbox.Port} is already in use by the azure-openai proxy of data home {other.DataHome} (pid {foreign})",
            start.Stderr, StringComparison.Ordinal);
        var stop = await sandbox.RunAsync("stop");
        Assert.True(stop.ExitCode == 0, stop.ToString());
        Assert.Contains("not running", stop.Stdout, StringComparison.Ordinal);
        Assert.Equal([foreign], other.ServerProcesses());
        Assert.Empty(sandbox.ServerProcesses());
    }

    /// <summary>
    /// Starts <c>serve</c> for <paramref name="owner"/>'s data home as <see cref="DaemonController"/> does (detached, with
    /// <see cref="DaemonProcess.Environment"/>), but with only the sandbox's environment, and without writing the pid
    /// file: returns once the daemon has written it itself.
    /// </summary>
    private static async Task<int> SpawnDaemonAsync(Sandbox owner, int port)
    {
        var home = new DataHome(owner.DataHome).EnsureExists();
        var environment = owner.Variables.Concat(DaemonProcess.Environment(home)).Select(pair => $"{pair.Key}={pair.Value}");
        var pid = DetachedLauncher.Launch(
            ["env", "-i", .. environment, .. Sandbox.Command, .. DaemonProcess.ServeArguments("127.0.0.1", port)], home.LogFile, new Dictionary<string, string>());
        var deadline = DateTime.UtcNow + ListenBound;
        while (PidFile.Read(home.PidFile) is not { } recorded || recorded.Pid != pid)
        {
            Assert.True(DateTime.UtcNow < deadline && ProcessTable.IsAlive(pid), $"the daemon did not record itself:\n{File.ReadAllText(home.LogFile)}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        Assert.Equal(Url(port), PidFile.Read(home.PidFile)!.BaseUrl);
        return pid;
    }

    private static Uri Url(int port) => new($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
}
