using System.Globalization;
using AzureOpenAI.Proxy.Configuration;

namespace AzureOpenAI.Proxy.Daemon;

/// <summary>
/// <c>proxy.pid</c>: the daemon's pid and the URL it listens on (the configuration may change while it runs, so
/// <c>status</c> and <c>stop</c> trust this file, not the current settings). Its write time is the start time.
/// </summary>
internal sealed record PidFile(int Pid, Uri BaseUrl, DateTime StartedUtc)
{
    public static PidFile? Read(string path)
    {
        try
        {
            var lines = File.ReadAllLines(path);
            if (lines.Length < 2 || !int.TryParse(lines[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) return null;
            if (!Uri.TryCreate(lines[1], UriKind.Absolute, out var url)) return null;
            return new PidFile(pid, url, File.GetLastWriteTimeUtc(path));
        }
        catch (FileNotFoundException) { return null; }
        catch (DirectoryNotFoundException) { return null; }
    }

    /// <summary>Writes atomically, dated <see cref="StartedUtc"/> (an adopted daemon keeps its real start time).</summary>
    public void Write(string path)
    {
        AtomicFile.WriteAllText(path, $"{Pid.ToString(CultureInfo.InvariantCulture)}\n{BaseUrl}\n");
        File.SetLastWriteTimeUtc(path, StartedUtc);
    }

    /// <summary>The recorded process is alive and still our server, not a reused pid.</summary>
    public bool IsRunning => ProcessTable.IsProxyServer(Pid);
}
