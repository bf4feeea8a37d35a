using System.Globalization;
using AzureOpenAI.Proxy.Configuration;

namespace AzureOpenAI.Proxy.Daemon;

/// <summary>
/// How <c>start</c> runs <c>serve</c> as the daemon of a data home, and how that <c>serve</c> records itself: once it
/// listens it writes the pid file (atomically) named in its environment. So a daemon whose starter was killed between
/// spawning it and writing the pid file (a <c>setup</c> interrupted) is still known to <c>status</c> and <c>stop</c>.
/// </summary>
internal static class DaemonProcess
{
    /// <summary>Set in the daemon's environment: the pid file <c>serve</c> writes once it listens.</summary>
    public const string PidFileVariable = "AZURE_OPENAI_PID_FILE";

    public static IReadOnlyList<string> ServeArguments(string host, int port) =>
        ["serve", "--host", host, "--port", port.ToString(CultureInfo.InvariantCulture)];

    /// <summary>What the daemon's environment adds to the caller's: its log, its data home, its pid file.</summary>
    public static IReadOnlyDictionary<string, string> Environment(DataHome home) => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [RotatingLogWriter.LogFileVariable] = home.LogFile,
        ["AZURE_OPENAI_HOME"] = home.Directory,
        [PidFileVariable] = home.PidFile,
    };

    /// <summary>Spawns the daemon detached and returns its pid.</summary>
    public static int Spawn(DataHome home, string host, int port) =>
        DetachedLauncher.Launch([.. SelfExecutable.Command(), .. ServeArguments(host, port)], home.LogFile, Environment(home));

    /// <summary>In <c>serve</c>, once listening: records this process when it was started as a daemon.</summary>
    public static void RecordSelf(IReadOnlyDictionary<string, string> environment, Uri url)
    {
        if (environment.GetValueOrDefault(PidFileVariable) is { Length: > 0 } path)
            new PidFile(System.Environment.ProcessId, url, DateTime.UtcNow).Write(path);
    }
}
