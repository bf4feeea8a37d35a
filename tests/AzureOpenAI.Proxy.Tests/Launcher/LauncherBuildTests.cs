using AzureOpenAI.Proxy.Tests.EndToEnd;
using AzureOpenAI.Proxy.Tests.Lifecycle;
using AzureOpenAI.Proxy.Tests.Plugin;
using AzureOpenAI.Proxy.Tests.Support;
using AzureOpenAI.TestSupport;

namespace AzureOpenAI.Proxy.Tests.Launcher;

/// <summary>
/// The launcher <c>bin/azure-openai</c> choosing and making its builds, as real processes with a real build cache:
/// the JIT build first, the native AOT build in the background and then in its place, the fallback where no C
/// toolchain can link a native build, <c>AZURE_OPENAI_BUILD=jit</c>, and the remembered source hash.
/// </summary>
public sealed class LauncherBuildTests
{
    private const string NativeBuildStarted = "building the native (AOT) binary in the background";
    private const string NativeBuildFailed = "the native (AOT) build failed, so the JIT build runs";

    // A native build takes about 100 s on two idle cores; the tests around it share the cores.
    private static readonly TimeSpan NativeBuildBound = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan LaunchBound = TimeSpan.FromMinutes(5);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FirstLaunchRunsTheJitBuild_ThenTheNativeBuildOnceItIsDone_AndTheRunningDaemonKeepsRunning()
    {
        await using var sandbox = new Sandbox();
        // The run's shared cache when ./test.sh made one (this native build is then the one the run's second pass uses).
        var cache = LauncherCache.SharedIsThisRuns ? LauncherCache.Shared : Path.Combine(sandbox.Root, "cache");
        if (!LauncherCache.SharedIsThisRuns) await LauncherCache.SeedJitBuildAsync(cache);
        Configure(sandbox, cache);
        Assert.Empty(Directory.EnumerateFileSystemEntries(LauncherCache.Folder(cache), "aot-*"));

        var start = await LaunchAsync(sandbox, RepositoryPaths.Root, "start");

        Assert.True(start.ExitCode == 0, start.ToString());
        Assert.Contains(NativeBuildStarted, start.Stderr, StringComparison.Ordinal);
        var daemon = sandbox.DaemonPid()!.Value;
        Assert.Contains("/build-", ExecutableOf(daemon), StringComparison.Ordinal);

        await LauncherCache.WaitForNativeBuildAsync(cache, NativeBuildBound, Token);
        var failure = Directory.EnumerateFiles(LauncherCache.Folder(cache), "aot-*.failed").Select(File.ReadAllText).FirstOrDefault();
        Assert.True(failure is null, failure);
        var version = await LaunchAsync(sandbox, RepositoryPaths.Root, "version", "--verbose");
        var status = await LaunchAsync(sandbox, RepositoryPaths.Root, "status");

        var report = VersionReport.Parse(version.Stdout);
        Assert.Equal("native-aot", report.Build);
        Assert.Contains("/aot-", report.Executable, StringComparison.Ordinal);
        Assert.Equal("", version.Stderr);
        // The daemon the JIT build started still runs, and the native build sees it as the proxy.
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains($"running (pid {daemon},", status.Stdout, StringComparison.Ordinal);
        Assert.Contains("/build-", ExecutableOf(daemon), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutACToolchain_TheNativeBuildFails_AndTheLauncherSaysSoOnce_ThenKeepsTheJitBuild()
    {
        await using var sandbox = new Sandbox();
        var cache = Path.Combine(sandbox.Root, "cache");
        await LauncherCache.SeedJitBuildAsync(cache);
        Configure(sandbox, cache);
        sandbox.Variables["PATH"] = ToolPath.Without(Path.Combine(sandbox.Root, "path"), ToolPath.IsCCompiler);

        var first = await LaunchAsync(sandbox, RepositoryPaths.Root, "version", "--verbose");
        await LauncherCache.WaitForNativeBuildAsync(cache, NativeBuildBound, Token);
        var second = await LaunchAsync(sandbox, RepositoryPaths.Root, "version", "--verbose");
        var third = await LaunchAsync(sandbox, RepositoryPaths.Root, "version", "--verbose");

        Assert.Contains(NativeBuildStarted, first.Stderr, StringComparison.Ordinal);
        Assert.All<CliRun>([first, second, third], run => Assert.Equal("jit", VersionReport.Parse(run.Stdout).Build));
        Assert.Equal($"azure-openai: {NativeBuildFailed}", second.Stderr.Split(" (log: ")[0]);
        var log = second.Stderr.Split(" (log: ")[1].TrimEnd().TrimEnd(')');
        Assert.Contains("not found in PATH", await File.ReadAllTextAsync(log, Token), StringComparison.Ordinal);
        // Said once, and not built again for these sources.
        Assert.Equal("", third.Stderr);
        Assert.Empty(Directory.EnumerateDirectories(LauncherCache.Folder(cache), "aot-*"));
    }

    [Fact]
    public async Task BuildJit_RunsTheJitBuild_AndStartsNoNativeBuild()
    {
        await using var sandbox = new Sandbox();
        var cache = Path.Combine(sandbox.Root, "cache");
        await LauncherCache.SeedJitBuildAsync(cache);
        Configure(sandbox, cache);
        sandbox.Variables["AZURE_OPENAI_BUILD"] = "jit";

        var run = await LaunchAsync(sandbox, RepositoryPaths.Root, "version", "--verbose");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("jit", VersionReport.Parse(run.Stdout).Build);
        Assert.Equal("", run.Stderr);
        Assert.Empty(Directory.EnumerateFileSystemEntries(LauncherCache.Folder(cache), "aot-*"));
    }

    [Fact]
    public async Task RememberedSourceHash_SurvivesATouch_ButAnEditedSourceNeedsANewBuild()
    {
        await using var sandbox = new Sandbox();
        var clone = Path.Combine(sandbox.Root, "clone");
        RepositoryCopy.Copy(RepositoryPaths.Root, clone);
        var cache = Path.Combine(sandbox.Root, "cache");
        await LauncherCache.SeedJitBuildAsync(cache);
        Configure(sandbox, cache);
        sandbox.Variables["AZURE_OPENAI_BUILD"] = "jit";
        // Without the SDK a launch can only run a build that exists: a new build shows as "dotnet not found".
        sandbox.Variables["PATH"] = ToolPath.Without(Path.Combine(sandbox.Root, "path"), name => name == "dotnet");
        var source = Path.Combine(clone, "src", "AzureOpenAI.Proxy", "ProductInfo.cs");

        var before = await LaunchAsync(sandbox, clone, "version", "--verbose");
        File.SetLastWriteTimeUtc(source, DateTime.UtcNow.AddMinutes(1));
        var touched = await LaunchAsync(sandbox, clone, "version", "--verbose");
        await File.AppendAllTextAsync(source, "// edited\n", Token);
        var edited = await LaunchAsync(sandbox, clone, "version", "--verbose");

        Assert.True(before.ExitCode == 0, before.ToString());
        Assert.Equal(VersionReport.Parse(before.Stdout).Executable, VersionReport.Parse(touched.Stdout).Executable);
        Assert.Equal(1, edited.ExitCode);
        Assert.Contains("dotnet not found on PATH", edited.Stderr, StringComparison.Ordinal);
    }

    /// <summary>A provider (nothing is sent to it) and the launcher's cache.</summary>
    private static void Configure(Sandbox sandbox, string cache)
    {
        foreach (var (name, value) in LauncherServe.LauncherVariables(sandbox)) sandbox.Variables[name] = value;
        sandbox.Variables.Remove("AZURE_OPENAI_BUILD");
        sandbox.Variables["XDG_CACHE_HOME"] = cache;
        sandbox.Variables["OPENAI_BASE_URL"] = "http://127.0.0.1:9/";
        sandbox.Variables["OPENAI_API_KEY"] = "sk-launcher-test-key-0000";
        sandbox.Variables["AZURE_API_VERSION"] = "v1";
        sandbox.Variables["MIDDLE_MODEL"] = "gpt-4o";
    }

    private static Task<CliRun> LaunchAsync(Sandbox sandbox, string repository, params string[] arguments) =>
        ProcessRun.RunAsync(sandbox, Path.Combine(repository, "bin", "azure-openai"), arguments, null, LaunchBound, Token);

    private static string ExecutableOf(int pid) => File.ResolveLinkTarget($"/proc/{pid}/exe", returnFinalTarget: false)!.FullName;
}
