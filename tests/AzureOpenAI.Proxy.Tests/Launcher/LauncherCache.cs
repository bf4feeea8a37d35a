using AzureOpenAI.Proxy.Tests.EndToEnd;
using AzureOpenAI.Proxy.Tests.Lifecycle;
using AzureOpenAI.Proxy.Tests.Plugin;
using AzureOpenAI.Proxy.Tests.Support;

namespace AzureOpenAI.Proxy.Tests.Launcher;

/// <summary>
/// The launcher's build cache (<c>XDG_CACHE_HOME</c>) as the tests share it. ./test.sh gives each run a new one
/// (<c>AZURE_OPENAI_TEST_CACHE</c>), builds the JIT build into it first, and lets the launcher tests make the run's one
/// native build there; without it, the cache is kept in the temp folder across runs.
/// </summary>
public static class LauncherCache
{
    private static readonly TimeSpan BuildBound = TimeSpan.FromMinutes(5);
    private static readonly Lazy<Task<string>> SharedJitBuild = new(FindOrBuildJitAsync);

    /// <summary>This run's <c>XDG_CACHE_HOME</c> for every test that runs the launcher.</summary>
    public static string Shared { get; } = Environment.GetEnvironmentVariable("AZURE_OPENAI_TEST_CACHE") is { Length: > 0 } cache
        ? cache
        : Path.Combine(Path.GetTempPath(), "azure-openai-tests-cache");

    /// <summary>Whether ./test.sh made <see cref="Shared"/> for this run (so it held no native build before it).</summary>
    public static bool SharedIsThisRuns => Environment.GetEnvironmentVariable("AZURE_OPENAI_TEST_CACHE") is { Length: > 0 };

    /// <summary>The launcher's own folder under an <c>XDG_CACHE_HOME</c>.</summary>
    public static string Folder(string xdgCacheHome) => Path.Combine(xdgCacheHome, "azure-openai");

    /// <summary>
    /// Copies the JIT build of the current sources (<c>build-HASH/</c>, built into <see cref="Shared"/> when it is
    /// missing) into <paramref name="xdgCacheHome"/>: as a cache after a first use, without a second build.
    /// </summary>
    public static async Task SeedJitBuildAsync(string xdgCacheHome)
    {
        var build = await SharedJitBuild.Value;
        // A build folder holds none of the folders a copy of the repository leaves out.
        RepositoryCopy.Copy(build, Path.Combine(Folder(xdgCacheHome), Path.GetFileName(build)));
    }

    /// <summary>Polls, bounded, until no native build runs in the cache (its lock folder, <c>aot-HASH.building</c>, is gone).</summary>
    public static async Task WaitForNativeBuildAsync(string xdgCacheHome, TimeSpan bound, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(bound);
        while (Directory.EnumerateDirectories(Folder(xdgCacheHome), "aot-*.building").Any())
        {
            try { await Task.Delay(TimeSpan.FromSeconds(1), timeout.Token); }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"the native build in {Folder(xdgCacheHome)} did not finish within {bound}");
            }
        }
    }

    private static async Task<string> FindOrBuildJitAsync()
    {
        await using var sandbox = new Sandbox();
        foreach (var (name, value) in LauncherServe.LauncherVariables(sandbox)) sandbox.Variables[name] = value;
        sandbox.Variables["AZURE_OPENAI_BUILD"] = "jit";
        var run = await ProcessRun.RunAsync(sandbox, LauncherServe.Launcher, ["version", "--verbose"], null, BuildBound, CancellationToken.None);
        Assert.True(run.ExitCode == 0, run.ToString());
        return Path.GetDirectoryName(VersionReport.Parse(run.Stdout).Executable)!;
    }
}
