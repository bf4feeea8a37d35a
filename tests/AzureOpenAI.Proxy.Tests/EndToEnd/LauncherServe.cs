using System.Diagnostics;
using System.Text.RegularExpressions;
using AzureOpenAI.Proxy.Tests.Launcher;
using AzureOpenAI.Proxy.Tests.Lifecycle;
using AzureOpenAI.TestSupport;
using AzureOpenAI.TestSupport.FakeUpstream;

namespace AzureOpenAI.Proxy.Tests.EndToEnd;

/// <summary>
/// <c>bin/azure-openai serve --port 0</c> as a real foreground process, started through the launcher exactly as a user
/// would, so it runs the build the launcher picks. The launcher's build cache is shared by the tests (keyed by the source
/// hash, so a change rebuilds).
/// Disposing sends SIGTERM and waits for a clean exit.
/// </summary>
public sealed partial class LauncherServe : IAsyncDisposable
{
    // The first run publishes the app (tens of seconds on two cores); later runs exec the cached build at once.
    private static readonly TimeSpan StartBound = TimeSpan.FromMinutes(5);

    private readonly Process _process;

    private LauncherServe(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public static string Launcher { get; } = Path.Combine(RepositoryPaths.Root, "bin", "azure-openai");

    /// <summary>
    /// The launcher's environment: the sandbox's, the shared build cache (<see cref="LauncherCache.Shared"/>, unless
    /// the sandbox names its own <c>XDG_CACHE_HOME</c>), the
    /// developer's NuGet cache (a publish in an empty HOME would otherwise restore every package again), and the
    /// build choice <c>AZURE_OPENAI_BUILD</c> when the test run sets one (./test.sh: jit in the first pass, then the
    /// launcher's own choice, the native build).
    /// </summary>
    /// <remarks>
    /// <c>AZURE_OPENAI_CAPTURE_DIR</c> passes through, so tests/e2e/compat.sh can record the requests of the scenarios.
    /// What the sandbox sets itself (the cache, the build, the npm registry) wins.
    /// </remarks>
    public static Dictionary<string, string> LauncherVariables(Sandbox sandbox)
    {
        var variables = new Dictionary<string, string>(sandbox.Variables, StringComparer.Ordinal)
        {
            ["NUGET_PACKAGES"] = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
        };
        variables.TryAdd("XDG_CACHE_HOME", LauncherCache.Shared);
        // Where the launcher would install its npm package, a registry that refuses at once (nothing listens on the
        // discard port): the tests reach no network.
        variables.TryAdd("npm_config_registry", "http://127.0.0.1:9/");
        if (Environment.GetEnvironmentVariable("AZURE_OPENAI_BUILD") is { Length: > 0 } build) variables.TryAdd("AZURE_OPENAI_BUILD", build);
        if (Environment.GetEnvironmentVariable("AZURE_OPENAI_CAPTURE_DIR") is { Length: > 0 } captures) variables["AZURE_OPENAI_CAPTURE_DIR"] = captures;
        return variables;
    }

    /// <summary>
    /// Starts the proxy configured for the fake as an Azure v1 resource, with a local client token, through
    /// <paramref name="launcher"/> (by default the repository's).
    /// </summary>
    public static Task<LauncherServe> StartAsync(Sandbox sandbox, FakeUpstreamServer upstream, (string Big, string Middle, string Small) deployments,
        string localToken, CancellationToken cancellationToken, string? launcher = null)
    {
        Configure(sandbox, upstream, deployments, localToken);
        return StartAsync(sandbox, cancellationToken, launcher);
    }

    /// <summary>Configures the sandbox for the fake as an Azure v1 resource, with a local client token (also for <c>azure-openai start</c>).</summary>
    public static void Configure(Sandbox sandbox, FakeUpstreamServer upstream, (string Big, string Middle, string Small) deployments, string localToken)
    {
        sandbox.Variables["OPENAI_BASE_URL"] = upstream.BaseUri.ToString();
        sandbox.Variables["OPENAI_API_KEY"] = upstream.Options.ApiKey;
        sandbox.Variables["AZURE_API_VERSION"] = "v1";
        sandbox.Variables["BIG_MODEL"] = deployments.Big;
        sandbox.Variables["MIDDLE_MODEL"] = deployments.Middle;
        sandbox.Variables["SMALL_MODEL"] = deployments.Small;
        sandbox.Variables["PROXY_AUTH_TOKEN"] = localToken;
    }

    public static async Task<LauncherServe> StartAsync(Sandbox sandbox, CancellationToken cancellationToken, string? launcher = null)
    {
        var info = new ProcessStartInfo(launcher ?? Launcher, ["serve", "--port", "0"])
        {
            WorkingDirectory = sandbox.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment.Clear();
        foreach (var (name, value) in LauncherVariables(sandbox)) info.Environment[name] = value;

        var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartBound);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (ListeningLine().Match(line) is not { Success: true } match) continue;
                // Keep draining stdout (the request log) so the server never blocks on a full pipe.
                _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
                return new LauncherServe(process, new Uri(match.Groups[1].Value));
            }
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        await process.WaitForExitAsync(cancellationToken);
        throw new InvalidOperationException($"bin/azure-openai serve exited ({process.ExitCode}) without listening: {await stderr}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                await kill.WaitForExitAsync();
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try { await _process.WaitForExitAsync(bound.Token); }
            catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
        }
        _process.Dispose();
    }

    [GeneratedRegex(@"listening on (http://[^ ]+)")]
    private static partial Regex ListeningLine();
}
