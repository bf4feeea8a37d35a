using AzureOpenAI.Proxy.Tests.EndToEnd;
using AzureOpenAI.Proxy.Tests.Lifecycle;
using AzureOpenAI.Proxy.Tests.Support;
using AzureOpenAI.TestSupport;
using AzureOpenAI.TestSupport.FakeUpstream;

namespace AzureOpenAI.Proxy.Tests.Plugin;

/// <summary>
/// The plugin installed as a user installs it, in a throwaway HOME: a copy of the repository (what a clone holds) is
/// added as a marketplace with the real Claude Code CLI, and <c>azure-openai@azure-openai-proxy</c> is installed from
/// it, which copies it to <c>~/.claude/plugins/cache/…</c>. Disposing stops the proxy and deletes everything.
/// </summary>
public sealed class InstalledPlugin : IAsyncDisposable
{
    public const string PluginId = "azure-openai@azure-openai-proxy";
    public const string LocalDeploymentBig = "gpt-5-mini";
    public const string LocalDeploymentMiddle = "gpt-4.1";
    public const string LocalDeploymentSmall = "gpt-4o-mini";

    // The first launch publishes the app when the shared build cache has no build of these sources yet.
    private static readonly TimeSpan LauncherBound = TimeSpan.FromMinutes(5);

    private InstalledPlugin(Sandbox sandbox, string root)
    {
        Sandbox = sandbox;
        Root = root;
    }

    public Sandbox Sandbox { get; }

    /// <summary>The installed copy under <c>~/.claude/plugins/cache/</c>, which Claude Code runs.</summary>
    public string Root { get; }

    public string Launcher => Path.Combine(Root, "bin", "azure-openai");

    /// <param name="installArguments">Extra <c>claude plugin install</c> arguments, e.g. <c>--config autoStart=false</c>.</param>
    public static async Task<InstalledPlugin> InstallAsync(IReadOnlyList<string> installArguments, CancellationToken cancellationToken)
    {
        var sandbox = new Sandbox();
        try
        {
            // The hook's launcher builds into the tests' shared cache (and restores from the developer's NuGet cache).
            foreach (var (name, value) in LauncherServe.LauncherVariables(sandbox)) sandbox.Variables[name] = value;
            var clone = Path.Combine(sandbox.Root, "clone");
            RepositoryCopy.Copy(RepositoryPaths.Root, clone);

            // A first session without a build would only start one in the background: build before, as a user's first
            // `azure-openai setup` does.
            Succeeded(await ProcessRun.RunAsync(sandbox, Path.Combine(clone, "bin", "azure-openai"), ["version"], null, LauncherBound, cancellationToken));
            Succeeded(await ClaudeCli.RunAsync(sandbox, null, null, ["plugin", "marketplace", "add", clone], cancellationToken));
            Succeeded(await ClaudeCli.RunAsync(sandbox, null, null, ["plugin", "install", PluginId, .. installArguments], cancellationToken));

            var cache = Path.Combine(sandbox.Home, ".claude", "plugins", "cache", "azure-openai-proxy", "azure-openai");
            var root = Directory.GetDirectories(cache).Single();
            return new InstalledPlugin(sandbox, root);
        }
        catch
        {
            await sandbox.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// <c>setup</c> through the installed launcher, non-interactive, the key on stdin: config.env, settings.json routing
    /// to the proxy on the sandbox's port, then start and test. The proxy is left running.
    /// </summary>
    public async Task SetupAsync(FakeUpstreamServer upstream, CancellationToken cancellationToken)
    {
        var run = await RunLauncherAsync(
            ["setup", "--endpoint", upstream.BaseUri.ToString(), "--api-key-stdin", "--api-version", "v1",
             "--big", LocalDeploymentBig, "--middle", LocalDeploymentMiddle, "--small", LocalDeploymentSmall,
             "--port", Sandbox.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            upstream.Options.ApiKey, cancellationToken);
        Succeeded(run);
    }

    public Task<CliRun> RunLauncherAsync(IReadOnlyList<string> arguments, string? stdin, CancellationToken cancellationToken) =>
        ProcessRun.RunAsync(Sandbox, Launcher, arguments, stdin, LauncherBound, cancellationToken);

    /// <summary><c>claude ARGS</c> with nothing but the sandbox's settings.json routing it.</summary>
    public Task<CliRun> ClaudeAsync(IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        ClaudeCli.RunAsync(Sandbox, null, null, arguments, cancellationToken);

    public ValueTask DisposeAsync() => Sandbox.DisposeAsync();

    private static void Succeeded(CliRun run) => Assert.True(run.ExitCode == 0, run.ToString());
}
