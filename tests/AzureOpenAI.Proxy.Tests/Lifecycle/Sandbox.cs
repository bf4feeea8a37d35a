using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using AzureOpenAI.Proxy.Daemon;
using AzureOpenAI.Proxy.Tests.Support;

namespace AzureOpenAI.Proxy.Tests.Lifecycle;

/// <summary>
/// A temporary HOME for the real executable: its own HOME, XDG_CONFIG_HOME and AZURE_OPENAI_HOME, a working folder,
/// a free port, and an environment built from scratch (nothing of the developer's OPENAI_*, ANTHROPIC_* or real ~
/// leaks in or is touched). Disposing stops any daemon it started and deletes the folder.
/// </summary>
public sealed class Sandbox : IAsyncDisposable
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(90);

    // What the child needs from the outer environment to find and run dotnet, and nothing else.
    private static readonly string[] InheritedVariables = ["PATH", "DOTNET_ROOT", "DOTNET_CLI_HOME", "NUGET_PACKAGES", "TMPDIR", "LANG"];

    public Sandbox()
    {
        Root = Directory.CreateTempSubdirectory("aoai-lifecycle-").FullName;
        Home = Path.Combine(Root, "home");
        WorkingDirectory = Path.Combine(Root, "work");
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(WorkingDirectory);
        Port = FreePort();
        foreach (var name in InheritedVariables)
            if (Environment.GetEnvironmentVariable(name) is { } value) Variables[name] = value;
        Variables["HOME"] = Home;
        Variables["XDG_CONFIG_HOME"] = Path.Combine(Home, ".config");
        Variables["AZURE_OPENAI_HOME"] = DataHome;
        Variables["PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Variables["DOTNET_NOLOGO"] = "1";
        Variables["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
    }

    public string Root { get; }
    public string Home { get; }
    public string WorkingDirectory { get; }
    public int Port { get; }
    public string DataHome => Path.Combine(Home, ".config", "azure-openai");
    public string ConfigEnv => Path.Combine(DataHome, "config.env");
    public string PidFile => Path.Combine(DataHome, "proxy.pid");
    public string LogFile => Path.Combine(DataHome, "proxy.log");
    public string ClaudeSettings => Path.Combine(Home, ".claude", "settings.json");

    /// <summary>The child's whole environment; tests add provider settings here.</summary>
    public Dictionary<string, string> Variables { get; } = new(StringComparer.Ordinal);

    /// <summary>The JIT build next to the test assembly (the test project references the proxy project), for <c>dotnet</c>.</summary>
    public static string Executable { get; } = Path.Combine(AppContext.BaseDirectory, "azure-openai.dll");

    /// <summary>
    /// The program and leading arguments that run <c>azure-openai</c>: <c>dotnet</c> <see cref="Executable"/>, or the
    /// executable that <c>AZURE_OPENAI_BINARY</c> names (./test.sh runs the process tests a second time against the
    /// launcher's native AOT build).
    /// </summary>
    public static IReadOnlyList<string> Command { get; } = Environment.GetEnvironmentVariable("AZURE_OPENAI_BINARY") is { Length: > 0 } binary
        ? [binary]
        : ["dotnet", Executable];

    /// <summary>Runs <c>azure-openai ARGS</c> to completion (bounded), with <paramref name="stdin"/> or an empty stdin.</summary>
    public async Task<CliRun> RunAsync(string[] arguments, string? stdin = null)
    {
        var run = await ProcessRun.RunAsync(this, Command[0], [.. Command.Skip(1), .. arguments], stdin, RunTimeout, CancellationToken.None);
        return run with { Arguments = arguments };
    }

    public Task<CliRun> RunAsync(params string[] arguments) => RunAsync(arguments, stdin: null);

    /// <summary>Runs <c>azure-openai ARGS</c> with stdin left open and silent: a command that reads it would wait out the bound.</summary>
    public async Task<CliRun> RunWithOpenStdinAsync(params string[] arguments)
    {
        var run = await ProcessRun.RunAsync(this, Command[0], [.. Command.Skip(1), .. arguments], null, RunTimeout, CancellationToken.None, keepStdinOpen: true);
        return run with { Arguments = arguments };
    }

    /// <summary>The daemon's pid from proxy.pid, or null.</summary>
    public int? DaemonPid() => Daemon.PidFile.Read(PidFile)?.Pid;

    /// <summary>Every <c>azure-openai serve</c> process running with this sandbox's data home.</summary>
    public IReadOnlyList<int> ServerProcesses() =>
    [
        .. Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && ProcessTable.IsProxyServer(pid) && HasOurDataHome(pid)),
    ];

    /// <summary>Everything the sandbox wrote: data home, Claude settings and their backups, as one string.</summary>
    public string AllFilesText()
    {
        var text = new StringBuilder();
        foreach (var file in Directory.EnumerateFiles(Home, "*", SearchOption.AllDirectories))
            text.Append(file).Append('\n').Append(File.ReadAllText(file)).Append('\n');
        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        if (Directory.Exists(DataHome)) await RunAsync("stop");
        foreach (var pid in ServerProcesses()) Signals.Kill(pid);
        Directory.Delete(Root, recursive: true);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private bool HasOurDataHome(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/environ").Split('\0').Contains($"AZURE_OPENAI_HOME={DataHome}");
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }
}
