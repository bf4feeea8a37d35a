using System.Diagnostics;
using System.Globalization;

namespace AzureOpenAI.Proxy.Daemon;

/// <summary>Signals to another process. .NET can only SIGKILL (<see cref="Process.Kill()"/>), so SIGTERM goes through kill(1).</summary>
internal static class Signals
{
    public static void Terminate(int pid)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", pid.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        });
        kill?.WaitForExit();
    }

    public static void Kill(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
        }
        catch (ArgumentException) { }
        catch (InvalidOperationException) { }
    }
}
