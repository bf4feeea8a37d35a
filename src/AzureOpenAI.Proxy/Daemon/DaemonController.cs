using System.Net;
using System.Net.Sockets;
using AzureOpenAI.Proxy.Configuration;

namespace AzureOpenAI.Proxy.Daemon;

/// <summary>
/// Starts and stops the one proxy daemon of a data home.
/// <code>
/// start: lock ─▶ pid file names a live `azure-openai serve`? ─yes─▶ wait for /health ─▶ AlreadyRunning
///                     │ no (missing, dead, or pid reused by another program: stale, removed)
///                     ▼
///        /health on the port names this data home? ─yes─▶ record it in the pid file ─▶ AlreadyRunning (adopted orphan)
///                     ▼
///        port free? ─no─▶ PortInUse (names the listener: another data home's proxy by its /health, else from /proc)
///                     ▼
///        rotate log ─▶ spawn `serve` detached ─▶ write pid file ─▶ poll /health ≤ 10 s
///                                                   ├─ answers ─▶ Started
///                                                   └─ process exits / timeout ─▶ FailedToStart (the log says why)
/// stop:  lock ─▶ the pid file's daemon, or the orphan on the port ─▶ SIGTERM ─▶ up to 10 s for in-flight streams
///        ─▶ SIGKILL ─▶ remove pid file
/// </code>
/// The lock is held across the health wait, so a concurrent start sees either no daemon or a healthy one. A caller
/// that already holds it (setup, whose whole run is one critical section) passes it in: it is taken once, never twice.
/// The daemon also writes the pid file itself once it listens (<see cref="DaemonProcess"/>), so a starter killed
/// before writing it leaves no unknown daemon.
/// </summary>
internal sealed class DaemonController(DataHome home, SecretRedactor redactor, DaemonLock? heldLock = null)
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan StopGracePeriod = TimeSpan.FromSeconds(10);

    // Longer than a start's health wait plus a stop's grace period, so waiting behind either one is not an error.
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(1);

    /// <summary>The pid file when it names a live proxy server; a stale one is left for start or stop to replace.</summary>
    public PidFile? Running()
    {
        var pidFile = PidFile.Read(home.PidFile);
        return pidFile is { IsRunning: true } ? pidFile : null;
    }

    public async Task<DaemonResult> StartAsync(string host, int port, CancellationToken cancellationToken)
    {
        home.EnsureExists();
        using var held = await LockAsync(cancellationToken).ConfigureAwait(false);
        if (held is null) return Busy();

        var notes = new List<string>();
        if (PidFile.Read(home.PidFile) is { } recorded)
        {
            if (recorded.IsRunning)
                return await WaitHealthyAsync(recorded.Pid, recorded.BaseUrl, cancellationToken).ConfigureAwait(false)
                    ? new DaemonResult(DaemonOutcome.AlreadyRunning, $"already running (pid {recorded.Pid}, {recorded.BaseUrl})", recorded)
                    : new DaemonResult(DaemonOutcome.FailedToStart,
                        $"pid {recorded.Pid} is the proxy but {recorded.BaseUrl}health does not answer; try `azure-openai restart` and see {home.LogFile}", recorded);
            notes.Add($"replaced a stale pid file (pid {recorded.Pid} is {(ProcessTable.IsAlive(recorded.Pid) ? "another program now" : "no longer running")})");
            File.Delete(home.PidFile);
        }

        if (port == 0) return new DaemonResult(DaemonOutcome.FailedToStart, "PORT=0 (any free port) works with `serve` only: the daemon needs a known port");
        var url = HealthProbe.LocalUrl(host, port);
        var listener = await RunningDaemon.IdentifyAsync(url, cancellationToken).ConfigureAwait(false);
        if (RunningDaemon.Orphan(home, url, listener) is { } orphan)
        {
            orphan.Write(home.PidFile);
            return new DaemonResult(DaemonOutcome.AlreadyRunning,
                string.Join('\n', [.. notes, $"already running (pid {orphan.Pid}, {url}; it had no pid file, now recorded)"]), orphan);
        }
        if (PortProblem(host, port, listener) is { } inUse) return new DaemonResult(DaemonOutcome.PortInUse, inUse);

        RotatingLogWriter.RotateIfFull(home.LogFile);
        if (File.Exists(home.LogFile) && !OperatingSystem.IsWindows()) File.SetUnixFileMode(home.LogFile, AtomicFile.OwnerReadWrite);
        var logOffset = File.Exists(home.LogFile) ? new FileInfo(home.LogFile).Length : 0;
        var pid = DaemonProcess.Spawn(home, host, port);
        var daemon = new PidFile(pid, url, DateTime.UtcNow);
        daemon.Write(home.PidFile);

        if (await WaitHealthyAsync(pid, url, cancellationToken).ConfigureAwait(false))
            return new DaemonResult(DaemonOutcome.Started, string.Join('\n', [.. notes, $"started (pid {pid}, {url})"]), daemon);

        var exited = !ProcessTable.IsAlive(pid);
        if (!exited) await StopProcessAsync(pid, cancellationToken).ConfigureAwait(false);
        File.Delete(home.PidFile);
        var why = exited ? "the proxy exited at once" : $"the proxy did not answer {url}health within {StartTimeout.TotalSeconds:0} s and was stopped";
        return new DaemonResult(DaemonOutcome.FailedToStart, $"{why}:\n{ExplainFromLog(logOffset, port)}");
    }

    /// <param name="expectedUrl">Where this data home's daemon listens by the configuration: an orphan there is stopped too.</param>
    public async Task<DaemonResult> StopAsync(Uri? expectedUrl, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(home.Directory)) return new DaemonResult(DaemonOutcome.NotRunning, "not running");
        using var held = await LockAsync(cancellationToken).ConfigureAwait(false);
        if (held is null) return Busy();
        var recorded = PidFile.Read(home.PidFile);
        if (await RunningDaemon.FindAsync(home, expectedUrl, cancellationToken).ConfigureAwait(false) is not { } daemon)
        {
            File.Delete(home.PidFile);
            return new DaemonResult(DaemonOutcome.NotRunning, recorded is null ? "not running" : $"not running (removed a stale pid file naming pid {recorded.Pid})");
        }
        var forced = await StopProcessAsync(daemon.Pid, cancellationToken).ConfigureAwait(false);
        File.Delete(home.PidFile);
        var orphan = recorded?.Pid == daemon.Pid ? "" : ", which had no pid file";
        return new DaemonResult(DaemonOutcome.Stopped,
            forced ? $"stopped (pid {daemon.Pid}{orphan} ignored SIGTERM for {StopGracePeriod.TotalSeconds:0} s and was killed)" : $"stopped (pid {daemon.Pid}{orphan})", daemon);
    }

    /// <summary>The caller's lock, lent, when it holds one; else the lock taken here; null when it stayed busy.</summary>
    private async Task<DaemonLock?> LockAsync(CancellationToken cancellationToken) =>
        heldLock?.Lend() ?? await DaemonLock.AcquireAsync(home.LockFile, LockTimeout, cancellationToken).ConfigureAwait(false);

    /// <summary>SIGTERM, then up to <see cref="StopGracePeriod"/> for in-flight streams, then SIGKILL. True when killed.</summary>
    private static async Task<bool> StopProcessAsync(int pid, CancellationToken cancellationToken)
    {
        Signals.Terminate(pid);
        if (await WaitExitAsync(pid, StopGracePeriod, cancellationToken).ConfigureAwait(false)) return false;
        Signals.Kill(pid);
        await WaitExitAsync(pid, TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static async Task<bool> WaitExitAsync(int pid, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (ProcessTable.IsAlive(pid))
        {
            if (DateTime.UtcNow >= deadline) return false;
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
        return true;
    }

    /// <summary>Polls /health until it answers (true), the process dies or <see cref="StartTimeout"/> passes (false).</summary>
    private static async Task<bool> WaitHealthyAsync(int pid, Uri url, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline && ProcessTable.IsAlive(pid))
        {
            if (await HealthProbe.IsHealthyAsync(url, ProbeTimeout, cancellationToken).ConfigureAwait(false)) return true;
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
        return false;
    }

    /// <summary>
    /// Why the port cannot be used, naming its listener: a proxy by the identity its /health gave, anything else when
    /// /proc tells. Null when the port is free.
    /// </summary>
    private static string? PortProblem(string host, int port, DaemonIdentity? listener)
    {
        var address = host is "localhost" ? IPAddress.Loopback : IPAddress.TryParse(host.Trim('[', ']'), out var parsed) ? parsed : IPAddress.Loopback;
        try
        {
            var probe = new TcpListener(address, port);
            probe.Start();
            probe.Stop();
            return null;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            var owner = listener is null ? ProcessTable.DescribeListener(port) : $"the azure-openai proxy of data home {listener.DataHome} (pid {listener.Pid})";
            return $"port {port} is already in use{(owner is null ? "" : $" by {owner}")}: stop it, or choose another port with `azure-openai setup --port N` (or PORT=N)";
        }
    }

    /// <summary>The lines the failed daemon wrote to the log (redacted), or where to look when it wrote none.</summary>
    private string ExplainFromLog(long offset, int port)
    {
        var lines = ReadLogFrom(offset).Where(l => !string.IsNullOrWhiteSpace(l)).Select(redactor.Redact).ToList();
        if (lines.Count == 0) return $"  (nothing in {home.LogFile})";
        if (lines.Any(l => l.Contains("address already in use", StringComparison.OrdinalIgnoreCase)))
            return $"  port {port} is already in use{(ProcessTable.DescribeListener(port) is { } owner ? $" by {owner}" : "")}";
        return string.Join('\n', lines.TakeLast(5).Select(l => "  " + l)) + $"\n  (full log: {home.LogFile})";
    }

    private IEnumerable<string> ReadLogFrom(long offset)
    {
        if (!File.Exists(home.LogFile)) return [];
        using var stream = new FileStream(home.LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (offset <= stream.Length) stream.Seek(offset, SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n');
    }

    private DaemonResult Busy() => new(DaemonOutcome.Busy,
        $"another start or stop has held {home.LockFile} for {LockTimeout.TotalSeconds:0} s; try again");
}
