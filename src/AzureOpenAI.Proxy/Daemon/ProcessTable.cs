using System.Diagnostics;
using System.Globalization;

namespace AzureOpenAI.Proxy.Daemon;

/// <summary>What the operating system knows about other processes: liveness, command lines, socket owners.</summary>
internal static class ProcessTable
{
    private const string Proc = "/proc";

    /// <summary>True when <paramref name="pid"/> is a running process (a zombie counts as dead).</summary>
    public static bool IsAlive(int pid)
    {
        if (pid <= 0) return false;
        if (Directory.Exists(Proc))
        {
            try
            {
                var stat = File.ReadAllText($"{Proc}/{pid}/stat");
                // Format: "pid (comm) S …": the state letter follows the last ')', as comm may contain spaces.
                var state = stat[(stat.LastIndexOf(')') + 2)..].AsSpan()[0];
                return state is not ('Z' or 'X');
            }
            catch (IOException) { return false; }
            catch (UnauthorizedAccessException) { return true; }
        }
        try { using var process = Process.GetProcessById(pid); return !process.HasExited; }
        catch (ArgumentException) { return false; }
        catch (InvalidOperationException) { return false; }
    }

    /// <summary>When <paramref name="pid"/> started; now when that cannot be known (it just exited).</summary>
    public static DateTime StartTimeUtc(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.StartTime.ToUniversalTime();
        }
        catch (ArgumentException) { return DateTime.UtcNow; }
        catch (InvalidOperationException) { return DateTime.UtcNow; }
    }

    /// <summary>The process's arguments, or an empty list when it is gone or not ours to read.</summary>
    public static IReadOnlyList<string> CommandLine(int pid)
    {
        try
        {
            if (Directory.Exists(Proc))
                return File.ReadAllText($"{Proc}/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
            // macOS and the BSDs have no /proc: ask ps (arguments split on spaces, enough to recognise ours).
            var ps = Process.Start(new ProcessStartInfo("ps", ["-p", pid.ToString(CultureInfo.InvariantCulture), "-o", "command="]) { RedirectStandardOutput = true })!;
            var text = ps.StandardOutput.ReadToEnd();
            ps.WaitForExit();
            return text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
        catch (IOException) { return []; }
        catch (UnauthorizedAccessException) { return []; }
        catch (System.ComponentModel.Win32Exception) { return []; }
    }

    /// <summary>
    /// True when <paramref name="pid"/> runs <c>azure-openai serve</c> (as the native executable or through
    /// <c>dotnet azure-openai.dll</c>): a pid file naming any other program is stale, the pid having been reused.
    /// </summary>
    public static bool IsProxyServer(int pid)
    {
        if (!IsAlive(pid)) return false;
        var args = CommandLine(pid);
        var program = args.Select(Path.GetFileName).FirstOrDefault(a => a is "azure-openai" or "azure-openai.dll");
        return program is not null && args.Contains("serve");
    }

    /// <summary>
    /// Who listens on TCP <paramref name="port"/>, in words ("pid 4242: python3 -m http.server 8082"), found through
    /// /proc/net/tcp{,6} socket inodes and /proc/*/fd; null when it cannot be known (no /proc, another user's process).
    /// </summary>
    public static string? DescribeListener(int port)
    {
        var inodes = ListeningSocketInodes(port);
        if (inodes.Count == 0) return null;
        foreach (var processDir in Directory.EnumerateDirectories(Proc))
        {
            if (!int.TryParse(Path.GetFileName(processDir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            try
            {
                foreach (var fd in Directory.EnumerateFileSystemEntries(Path.Combine(processDir, "fd")))
                {
                    var target = new FileInfo(fd).LinkTarget;
                    if (target is not null && inodes.Contains(target))
                        return $"pid {pid}: {string.Join(' ', CommandLine(pid))}";
                }
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return "a process of another user";
    }

    private static HashSet<string> ListeningSocketInodes(int port)
    {
        const string Listen = "0A";
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        var portHex = port.ToString("X4", CultureInfo.InvariantCulture);
        foreach (var table in new[] { $"{Proc}/net/tcp", $"{Proc}/net/tcp6" })
        {
            if (!File.Exists(table)) continue;
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                // "sl local_address rem_address st tx:rx tr:tm retrnsmt uid timeout inode …"
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 9 && fields[3] == Listen && fields[1].EndsWith(":" + portHex, StringComparison.Ordinal))
                    inodes.Add($"socket:[{fields[9]}]");
            }
        }
        return inodes;
    }
}
