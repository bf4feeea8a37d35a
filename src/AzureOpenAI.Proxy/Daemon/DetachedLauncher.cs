using System.Diagnostics;
using System.Globalization;

namespace AzureOpenAI.Proxy.Daemon;

/// <summary>
/// Starts a process that outlives its caller and holds none of the caller's pipes, so a hook or a script capturing
/// our output returns at once. <c>/bin/sh</c> backgrounds it with stdin from /dev/null and stdout/stderr appended to
/// the log, and <c>setsid</c> (when present) gives it its own session, away from the terminal's signals. Because the
/// background child is not a process-group leader, setsid execs in place and <c>$!</c> is the daemon's own pid.
/// <c>umask 077</c> keeps the log (which the redirection may create) and anything the daemon writes owner-only.
/// </summary>
internal static class DetachedLauncher
{
    private const string Script =
        "log=$1; shift; umask 077; " +
        "if command -v setsid >/dev/null 2>&1; then setsid \"$@\" >>\"$log\" 2>&1 </dev/null & " +
        "else nohup \"$@\" >>\"$log\" 2>&1 </dev/null & fi; " +
        "echo $!";

    /// <summary>Launches <paramref name="command"/> and returns its pid.</summary>
    public static int Launch(IReadOnlyList<string> command, string logFile, IReadOnlyDictionary<string, string> extraEnvironment)
    {
        var startInfo = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in (string[])["-c", Script, "sh", logFile, .. command]) startInfo.ArgumentList.Add(argument);
        foreach (var (name, value) in extraEnvironment) startInfo.Environment[name] = value;
        using var shell = Process.Start(startInfo) ?? throw new InvalidOperationException("/bin/sh could not be started");
        var output = shell.StandardOutput.ReadToEnd();
        shell.WaitForExit();
        return int.TryParse(output.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            ? pid
            : throw new InvalidOperationException($"/bin/sh did not report the daemon's pid (exit {shell.ExitCode})");
    }
}
