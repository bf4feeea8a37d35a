using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AzureOpenAI.Proxy.Tests.EndToEnd;
using AzureOpenAI.Proxy.Tests.Launcher;
using AzureOpenAI.Proxy.Tests.Lifecycle;
using AzureOpenAI.Proxy.Tests.Plugin;
using AzureOpenAI.Proxy.Tests.Support;
using AzureOpenAI.TestSupport;
using AzureOpenAI.TestSupport.FakeUpstream;

namespace AzureOpenAI.Proxy.Tests.Release;

/// <summary>
/// The launcher <c>bin/azure-openai</c> on a machine without the .NET SDK (no <c>dotnet</c> on PATH), choosing in
/// order: <c>AZURE_OPENAI_BINARY</c>, a cached build, an installed platform package (the plugin folder's or the
/// cache's), the package installed by npm from a registry (here a loopback one), and the build from source; and
/// saying why each step it passes did not fit. The package is scripts/release's, of the working tree.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class LauncherPackageTests
{
    private const string NotInstalled = "no @azure-openai/cli-linux-x64 installed in";
    private const string Installing = "installing @azure-openai/cli-linux-x64@";
    private const string BothFixes = "install Node.js with npm (the launcher then installs the proxy's prebuilt platform package), or the .NET 10 SDK";

    private static readonly TimeSpan LaunchBound = TimeSpan.FromMinutes(2);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ExplicitBinary_RunsBeforeEverythingElse()
    {
        await using var sandbox = MachineWithout(["dotnet"]);
        var explicitBinary = Script(sandbox, "explicit", "echo explicit binary \"$@\"");
        await InstallIntoCacheAsync(sandbox);
        sandbox.Variables["AZURE_OPENAI_BINARY"] = explicitBinary;

        var run = await LaunchAsync(sandbox, "version");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("explicit binary version", run.Stdout.Trim());
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public async Task ExplicitBinaryThatIsNoExecutable_SaysSo_AndTheInstalledPackageRuns()
    {
        await using var sandbox = MachineWithout(["dotnet"]);
        var installed = await InstallIntoCacheAsync(sandbox);
        sandbox.Variables["AZURE_OPENAI_BINARY"] = Path.Combine(sandbox.Root, "missing");

        var run = await LaunchAsync(sandbox, "version", "--verbose");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal($"azure-openai: AZURE_OPENAI_BINARY ({Path.Combine(sandbox.Root, "missing")}) is not an executable file, so it is not used", run.Stderr.Trim());
        Assert.Equal(Path.Combine(installed, "bin", "azure-openai"), VersionReport.Parse(run.Stdout).Executable);
    }

    [Fact]
    public async Task CachedBuild_RunsBeforeAnInstalledPackage()
    {
        await using var sandbox = MachineWithout(["dotnet"]);
        await InstallIntoCacheAsync(sandbox);
        var hash = ReleasePackages.ReadEntry((await ReleasePackages.FromWorkingTreeAsync()).PlatformTarball, "source-hash").Trim();
        var build = Path.Combine(LauncherCache.Folder(Cache(sandbox)), $"build-{hash}");
        Directory.CreateDirectory(build);
        File.Move(Script(sandbox, "cached", "echo cached build \"$@\""), Path.Combine(build, "azure-openai"));

        var run = await LaunchAsync(sandbox, "version");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("cached build version", run.Stdout.Trim());
    }

    [Fact]
    public async Task PackageInTheCache_RunsWithoutTheSdk_AndTheLauncherSaysNothing()
    {
        await using var sandbox = MachineWithout(["dotnet"]);
        var installed = await InstallIntoCacheAsync(sandbox);

        var run = await LaunchAsync(sandbox, "version", "--verbose");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith($"azure-openai {ReleasePackages.Version}\n", run.Stdout, StringComparison.Ordinal);
        Assert.Equal("native-aot", VersionReport.Parse(run.Stdout).Build);
        Assert.Equal(Path.Combine(installed, "bin", "azure-openai"), VersionReport.Parse(run.Stdout).Executable);
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public async Task PackageInThePluginFolder_ServesWithoutTheSdk_AndClaudeCodeRoundTripsThroughIt()
    {
        await using var sandbox = MachineWithout(["dotnet"]);
        var plugin = Path.Combine(sandbox.Root, "plugin");
        RepositoryCopy.Copy(RepositoryPaths.Root, plugin);
        var installed = await ReleasePackages.InstallOfflineAsync(sandbox, plugin, (await ReleasePackages.FromWorkingTreeAsync()).PlatformTarball, Token);
        await using var upstream = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        upstream.Enqueue(FakeResponse.Stream(ChatSse.TextAnswer("Hello from the packaged proxy.")));
        const string token = "local-release-token-0123456789";

        await using var proxy = await LauncherServe.StartAsync(sandbox, upstream, ("gpt-5-mini", "gpt-4.1", "gpt-4o-mini"), token, Token,
            Path.Combine(plugin, "bin", "azure-openai"));
        using var http = new HttpClient();
        var health = await http.GetFromJsonAsync<JsonObject>(new Uri(proxy.Address, "health"), Token);
        var run = await ClaudeCli.RunAsync(sandbox, proxy.Address, token, ["-p", "Say hello."], Token);

        Assert.Equal("ok", (string?)health!["status"]);
        Assert.Equal(ReleasePackages.Version, (string?)health["version"]);
        Assert.Equal(Path.Combine(installed, "bin", "azure-openai"), ExecutableOf((int)health["pid"]!));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Hello from the packaged proxy.", run.Stdout, StringComparison.Ordinal);
        Assert.NotEmpty(upstream.Requests);
        Assert.All(upstream.Requests, r => Assert.Null(r.Rejection));
    }

    [Fact]
    public async Task PackageBuiltFromOtherSources_IsNotUsed_AndWithoutNpmOrTheSdkTheErrorNamesBothFixes()
    {
        await using var sandbox = MachineWithout(["dotnet", "npm"]);
        var installed = await InstallIntoCacheAsync(sandbox);
        await File.WriteAllTextAsync(Path.Combine(installed, "source-hash"), "0123456789abcdef\n", Token);

        var run = await LaunchAsync(sandbox, "version");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            [
                $"azure-openai: {installed} was built from other sources than these (another release, or edited sources), so it is not used",
                "azure-openai: npm not found on PATH, so @azure-openai/cli-linux-x64 cannot be installed",
                $"azure-openai: no prebuilt binary fits and dotnet is not found on PATH: {BothFixes} (it then builds the proxy from source)",
            ],
            Lines(run.Stderr));
    }

    [Fact]
    public async Task NothingInstalled_Npm_InstallsThePackageFromTheRegistry_AndLaterLaunchesRunItWithoutNpm()
    {
        await using var sandbox = MachineWithout(["dotnet"]);
        await using var registry = await LoopbackNpmRegistry.StartAsync((await ReleasePackages.FromWorkingTreeAsync()).PlatformTarball, holdTarball: false, Token);
        sandbox.Variables["npm_config_registry"] = registry.Address.ToString();

        var first = await LaunchAsync(sandbox, "version", "--verbose");
        sandbox.Variables["PATH"] = ToolPath.Without(Path.Combine(sandbox.Root, "path-without-npm"), name => name is "dotnet" or "npm");
        var second = await LaunchAsync(sandbox, "version", "--verbose");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(2, Lines(first.Stderr).Length);
        Assert.StartsWith($"azure-openai: {NotInstalled}", Lines(first.Stderr)[0], StringComparison.Ordinal);
        Assert.Equal($"azure-openai: {Installing}{ReleasePackages.Version} with npm…", Lines(first.Stderr)[1]);
        var installed = Path.Combine(LauncherCache.Folder(Cache(sandbox)), "node_modules", ReleasePackages.PlatformPackage, "bin", "azure-openai");
        Assert.Equal(installed, VersionReport.Parse(first.Stdout).Executable);
        Assert.Equal(1, registry.TarballRequests);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(installed, VersionReport.Parse(second.Stdout).Executable);
        Assert.Equal("", second.Stderr);
    }

    [Fact]
    public async Task UnreachableRegistry_NpmFailsFast_AndTheLauncherMovesOnToTheBuildFromSource()
    {
        await using var sandbox = MachineWithout(["dotnet"]);
        sandbox.Variables["npm_config_registry"] = $"http://127.0.0.1:{Sandbox.FreePort()}/";
        // A dotnet that only says it ran: the build from source is reached, and fails.
        var tools = Path.Combine(sandbox.Root, "tools");
        Directory.CreateDirectory(tools);
        File.Move(Script(sandbox, "dotnet", "echo \"fake dotnet $1\"; exit 3"), Path.Combine(tools, "dotnet"));
        sandbox.Variables["PATH"] = $"{tools}:{sandbox.Variables["PATH"]}";

        var clock = Stopwatch.StartNew();
        var run = await LaunchAsync(sandbox, "version");
        var took = clock.Elapsed;

        Assert.Equal(1, run.ExitCode);
        var lines = Lines(run.Stderr);
        Assert.StartsWith($"azure-openai: {NotInstalled}", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"azure-openai: {Installing}", lines[1], StringComparison.Ordinal);
        Assert.StartsWith($"azure-openai: npm could not install @azure-openai/cli-linux-x64@{ReleasePackages.Version} (ECONNREFUSED; log: ", lines[2], StringComparison.Ordinal);
        Assert.Equal("azure-openai: building (first run, ~30 s)…", lines[3]);
        Assert.Contains("fake dotnet publish", run.Stderr, StringComparison.Ordinal);
        Assert.StartsWith("azure-openai: build failed (log: ", lines[^1], StringComparison.Ordinal);
        // No retries with npm's backoff (10 s, then 60 s): one refused connection, then the next step.
        Assert.True(took < TimeSpan.FromSeconds(20), $"the launcher took {took}");
    }

    [Fact]
    public async Task Hook_WithNothingInstalled_ReturnsWithoutWaitingForTheInstall_WhichThenRunsTheHookAgain()
    {
        await using var sandbox = MachineWithout(["dotnet"]);
        await using var registry = await LoopbackNpmRegistry.StartAsync((await ReleasePackages.FromWorkingTreeAsync()).PlatformTarball, holdTarball: true, Token);
        sandbox.Variables["npm_config_registry"] = registry.Address.ToString();
        sandbox.Variables["CLAUDE_PLUGIN_OPTION_AUTOSTART"] = "false";

        // The registry holds the tarball back: a hook that waited for the install would not return.
        var hook = await LaunchAsync(sandbox, "hook", "session-start");
        registry.ReleaseTarball();
        // The background job installs the package, then runs the hook again on it (autoStart is off here: it says so).
        await WaitForBackgroundLogAsync(sandbox, "azure-openai proxy: stopped (autoStart is off");

        Assert.True(hook.ExitCode == 0, hook.ToString());
        Assert.Equal("", hook.Stderr);
        Assert.StartsWith($"azure-openai: {NotInstalled}", Lines(hook.Stdout)[0], StringComparison.Ordinal);
        Assert.StartsWith("azure-openai proxy: installing or building it in the background", Lines(hook.Stdout)[1], StringComparison.Ordinal);
        Assert.Equal(1, registry.TarballRequests);
        Assert.True(File.Exists(Path.Combine(LauncherCache.Folder(Cache(sandbox)), "node_modules", ReleasePackages.PlatformPackage, "bin", "azure-openai")));
    }

    [Fact]
    public async Task Hook_WithNeitherNpmNorTheSdk_SaysBothFixesOnStdout_AndExitsZero()
    {
        await using var sandbox = MachineWithout(["dotnet", "npm"]);

        var hook = await LaunchAsync(sandbox, "hook", "session-start");

        Assert.Equal(0, hook.ExitCode);
        Assert.Equal("", hook.Stderr);
        Assert.Equal(
            [
                $"azure-openai: {NotInstalled} {RepositoryPaths.Root}/node_modules or {LauncherCache.Folder(Cache(sandbox))}/node_modules",
                $"azure-openai: no prebuilt binary fits and dotnet is not found on PATH: {BothFixes} (it then builds the proxy from source)",
            ],
            Lines(hook.Stdout));
        Assert.False(Directory.Exists(Path.Combine(LauncherCache.Folder(Cache(sandbox)), "node_modules")));
    }

    /// <summary>A sandbox whose PATH lacks <paramref name="programs"/>, with an empty launcher cache of its own.</summary>
    private static Sandbox MachineWithout(string[] programs)
    {
        var sandbox = new Sandbox();
        sandbox.Variables["XDG_CACHE_HOME"] = Path.Combine(sandbox.Root, "cache");
        // The launcher's own choice, whatever build ./test.sh's pass asks the other tests for.
        sandbox.Variables["AZURE_OPENAI_BUILD"] = "auto";
        sandbox.Variables["PATH"] = ToolPath.Without(Path.Combine(sandbox.Root, "path"), programs.Contains);
        return sandbox;
    }

    private static string Cache(Sandbox sandbox) => sandbox.Variables["XDG_CACHE_HOME"];

    /// <summary>The working tree's package, installed into the launcher's cache as its own npm install would.</summary>
    private static async Task<string> InstallIntoCacheAsync(Sandbox sandbox) =>
        await ReleasePackages.InstallOfflineAsync(sandbox, LauncherCache.Folder(Cache(sandbox)), (await ReleasePackages.FromWorkingTreeAsync()).PlatformTarball, Token);

    private static string Script(Sandbox sandbox, string name, string body)
    {
        var path = Path.Combine(sandbox.Root, name);
        File.WriteAllText(path, $"#!/bin/sh\n{body}\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private static Task<CliRun> LaunchAsync(Sandbox sandbox, params string[] arguments) =>
        ProcessRun.RunAsync(sandbox, LauncherServe.Launcher, arguments, null, LaunchBound, Token);

    /// <summary>Polls, bounded, until the log of the hook's background job holds <paramref name="text"/>.</summary>
    private static async Task WaitForBackgroundLogAsync(Sandbox sandbox, string text)
    {
        var log = Path.Combine(LauncherCache.Folder(Cache(sandbox)), "background-build.log");
        var clock = Stopwatch.StartNew();
        while (!(File.Exists(log) && (await File.ReadAllTextAsync(log, Token)).Contains(text, StringComparison.Ordinal)))
        {
            if (clock.Elapsed > LaunchBound)
                throw new TimeoutException($"the background log never said \"{text}\": {(File.Exists(log) ? await File.ReadAllTextAsync(log, Token) : "(no log)")}");
            await Task.Delay(TimeSpan.FromMilliseconds(200), Token);
        }
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static string ExecutableOf(int pid) => File.ResolveLinkTarget($"/proc/{pid}/exe", returnFinalTarget: false)!.FullName;
}
