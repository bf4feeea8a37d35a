using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Xunit;

namespace AzureOpenAI.Proxy.Tests.Lifecycle;

/// <summary>start / status / stop with the real executable, real processes and real files in a temporary HOME.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DaemonLifecycleTests
{
    [Fact]
    public async Task StartStatusStartStop_RunsOneDaemonThenReportsStopped()
    {
        await using var sandbox = new Sandbox();

        var started = await sandbox.RunAsync("start");
        Assert.True(started.ExitCode == 0, started.ToString());
        var pid = sandbox.DaemonPid();
        Assert.NotNull(pid);
        Assert.Contains($"started (pid {pid}", started.Stdout, StringComparison.Ordinal);

        var status = await sandbox.RunAsync("status");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains($"running (pid {pid}, http://127.0.0.1:{sandbox.Port}/", status.Stdout, StringComparison.Ordinal);

        var again = await sandbox.RunAsync("start");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains($"already running (pid {pid}", again.Stdout, StringComparison.Ordinal);
        Assert.Equal(pid, sandbox.DaemonPid());

        var stopped = await sandbox.RunAsync("stop");
        Assert.True(stopped.ExitCode == 0, stopped.ToString());
        Assert.False(File.Exists(sandbox.PidFile));
        Assert.Empty(sandbox.ServerProcesses());

        var after = await sandbox.RunAsync("status");
        Assert.Equal(3, after.ExitCode);
        Assert.Contains("stopped", after.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_DaemonHasItsOwnSessionAndOutlivesTheCaller()
    {
        await using var sandbox = new Sandbox();
        var started = await sandbox.RunAsync("start");
        Assert.True(started.ExitCode == 0, started.ToString());
        var pid = sandbox.DaemonPid()!.Value;

        // Field 6 of /proc/PID/stat is the session id: setsid made the daemon a session leader.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        Assert.Equal(pid.ToString(System.Globalization.CultureInfo.InvariantCulture), fields[3]);
        Assert.Equal([pid], sandbox.ServerProcesses());
    }

    [Fact]
    public async Task TenParallelStarts_YieldExactlyOneProxy()
    {
        await using var sandbox = new Sandbox();

        var runs = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => sandbox.RunAsync("start")));

        Assert.All(runs, run => Assert.True(run.ExitCode == 0, run.ToString()));
        Assert.Single(runs, run => run.Stdout.Contains("started (pid", StringComparison.Ordinal));
        Assert.Equal(9, runs.Count(run => run.Stdout.Contains("already running", StringComparison.Ordinal)));
        var pid = sandbox.DaemonPid();
        Assert.Equal([pid!.Value], sandbox.ServerProcesses());
    }

    [Fact]
    public async Task StalePidFile_NamingADeadProcess_IsReplaced()
    {
        await using var sandbox = new Sandbox();
        var dead = DeadPid();
        WritePidFile(sandbox, dead);

        var started = await sandbox.RunAsync("start");

        Assert.True(started.ExitCode == 0, started.ToString());
        Assert.Contains($"replaced a stale pid file (pid {dead} is no longer running)", started.Stdout, StringComparison.Ordinal);
        Assert.NotEqual(dead, sandbox.DaemonPid());
        Assert.Single(sandbox.ServerProcesses());
    }

    [Fact]
    public async Task StalePidFile_NamingAnotherProgram_IsReplacedAndThatProgramIsLeftAlone()
    {
        await using var sandbox = new Sandbox();
        using var other = Process.Start(new ProcessStartInfo("sleep", ["300"]))!;
        try
        {
            WritePidFile(sandbox, other.Id);

            var started = await sandbox.RunAsync("start");

            Assert.True(started.ExitCode == 0, started.ToString());
            Assert.Contains($"replaced a stale pid file (pid {other.Id} is another program now)", started.Stdout, StringComparison.Ordinal);
            Assert.NotEqual(other.Id, sandbox.DaemonPid());
            Assert.False(other.HasExited);

            var stopped = await sandbox.RunAsync("stop");
            Assert.True(stopped.ExitCode == 0, stopped.ToString());
            Assert.False(other.HasExited);
        }
        finally
        {
            other.Kill();
        }
    }

    [Fact]
    public async Task Stop_WithAStalePidFile_RemovesItAndLeavesThatProcessAlone()
    {
        await using var sandbox = new Sandbox();
        using var other = Process.Start(new ProcessStartInfo("sleep", ["300"]))!;
        try
        {
            WritePidFile(sandbox, other.Id);
            var stopped = await sandbox.RunAsync("stop");
            Assert.True(stopped.ExitCode == 0, stopped.ToString());
            Assert.Contains("not running (removed a stale pid file", stopped.Stdout, StringComparison.Ordinal);
            Assert.False(File.Exists(sandbox.PidFile));
            Assert.False(other.HasExited);
        }
        finally
        {
            other.Kill();
        }
    }

    [Fact]
    public async Task PortAlreadyInUse_StartFailsNamingTheListener()
    {
        await using var sandbox = new Sandbox();
        using var squatter = new TcpListener(IPAddress.Loopback, sandbox.Port);
        squatter.Start();

        var started = await sandbox.RunAsync("start");

        Assert.True(started.ExitCode == 4, started.ToString());
        Assert.Contains($"port {sandbox.Port} is already in use by pid {Environment.ProcessId}", started.Stderr, StringComparison.Ordinal);
        Assert.Null(sandbox.DaemonPid());
        Assert.Empty(sandbox.ServerProcesses());
    }

    [Fact]
    public async Task CorruptedConfigEnvLine_StartRefusesAndConfigNamesTheLineAndTheFix()
    {
        await using var sandbox = new Sandbox();
        Directory.CreateDirectory(sandbox.DataHome);
        await File.WriteAllTextAsync(sandbox.ConfigEnv, "# mine\nBIG_MODEL=gpt-4o\nthis line is broken\n", TestContext.Current.CancellationToken);

        var started = await sandbox.RunAsync("start");
        Assert.True(started.ExitCode == 2, started.ToString());
        Assert.Contains($"config.env ({sandbox.ConfigEnv}) line 3: expected NAME=value", started.Stderr, StringComparison.Ordinal);
        Assert.Empty(sandbox.ServerProcesses());

        var config = await sandbox.RunAsync("config");
        Assert.Equal(2, config.ExitCode);
        Assert.Contains("line 3: expected NAME=value, found \"this line is broken\"; fix: correct that line", config.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidValue_StatusAndConfigNameItsSourceAndFix()
    {
        await using var sandbox = new Sandbox();
        sandbox.Variables["MAX_TOKENS_LIMIT"] = "lots";

        var config = await sandbox.RunAsync("config");

        Assert.Equal(2, config.ExitCode);
        Assert.Contains("MAX_TOKENS_LIMIT (from environment): \"lots\" is not a whole number; fix: correct or unset MAX_TOKENS_LIMIT",
            config.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_ReplacesTheDaemon()
    {
        await using var sandbox = new Sandbox();
        Assert.Equal(0, (await sandbox.RunAsync("start")).ExitCode);
        var first = sandbox.DaemonPid();

        var restarted = await sandbox.RunAsync("restart");

        Assert.True(restarted.ExitCode == 0, restarted.ToString());
        Assert.Contains($"stopped (pid {first})", restarted.Stdout, StringComparison.Ordinal);
        Assert.NotEqual(first, sandbox.DaemonPid());
        Assert.Equal([sandbox.DaemonPid()!.Value], sandbox.ServerProcesses());
    }

    [Fact]
    public async Task DataHome_IsCreatedOwnerOnly()
    {
        await using var sandbox = new Sandbox();
        Assert.Equal(0, (await sandbox.RunAsync("start")).ExitCode);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(sandbox.DataHome));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(sandbox.PidFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(sandbox.LogFile));
    }

    private static void WritePidFile(Sandbox sandbox, int pid)
    {
        Directory.CreateDirectory(sandbox.DataHome);
        File.WriteAllText(sandbox.PidFile, $"{pid}\nhttp://127.0.0.1:{sandbox.Port}/\n");
    }

    /// <summary>The pid of a process that has exited (and been reaped), so nothing runs under it for now.</summary>
    private static int DeadPid()
    {
        using var process = Process.Start(new ProcessStartInfo("true"))!;
        process.WaitForExit();
        return process.Id;
    }
}
