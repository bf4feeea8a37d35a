using System.Text.Json.Nodes;
using AzureOpenAI.Proxy.Tests.Lifecycle;
using AzureOpenAI.Proxy.Tests.Support;
using AzureOpenAI.TestSupport;

namespace AzureOpenAI.Proxy.Tests.Release;

/// <summary>
/// scripts/release: from a clean clone it builds the linux-x64 native binary and packs the platform package and the
/// meta package; the platform tarball installs with no registry and its binary runs. And the one version: VERSION,
/// plugin.json, the executable and the packages agree.
/// </summary>
public sealed class ReleaseScriptTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FromACleanClone_ItPacksBothPackages_AndThePlatformTarballInstallsOffline_AndItsBinaryRunsVersion()
    {
        var packed = await ReleasePackages.FromCleanCloneAsync();
        await using var sandbox = new Sandbox();

        var platform = ReleasePackages.ReadPackageJson(packed.PlatformTarball);
        var meta = ReleasePackages.ReadPackageJson(packed.MetaTarball);
        var installed = await ReleasePackages.InstallOfflineAsync(sandbox, Path.Combine(sandbox.Root, "prefix"), packed.PlatformTarball, Token);
        var version = await ProcessRun.RunAsync(sandbox, Path.Combine(installed, "bin", "azure-openai"), ["version"], null, TimeSpan.FromSeconds(30), Token);

        Assert.Equal(ReleasePackages.PlatformPackage, (string?)platform["name"]);
        Assert.Equal(ReleasePackages.Version, (string?)platform["version"]);
        Assert.Equal(["linux"], platform["os"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(["x64"], platform["cpu"]!.AsArray().Select(n => (string?)n));
        // Installing runs nothing of ours: no lifecycle scripts in either package.
        Assert.Null(platform["scripts"]);
        Assert.Null(meta["scripts"]);
        Assert.Equal(ReleasePackages.MetaPackage, (string?)meta["name"]);
        Assert.Equal(ReleasePackages.Version, (string?)meta["version"]);
        var optional = meta["optionalDependencies"]!.AsObject();
        Assert.Equal(["@azure-openai/cli-darwin-arm64", "@azure-openai/cli-linux-arm64", "@azure-openai/cli-linux-x64", "@azure-openai/cli-win32-x64"],
            optional.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.All(optional, p => Assert.Equal(ReleasePackages.Version, (string?)p.Value));
        Assert.True(version.ExitCode == 0, version.ToString());
        Assert.Equal($"azure-openai {ReleasePackages.Version}", version.Stdout.Trim());
        Assert.Matches("^[0-9a-f]{16}$", ReleasePackages.ReadEntry(packed.PlatformTarball, "source-hash").Trim());
        TestContext.Current.TestOutputHelper?.WriteLine($"scripts/release linux-x64 from a clean clone: {packed.Took.TotalSeconds:F0} s");
    }

    [Fact]
    public async Task Version_IsOne_InVersionFile_PluginJson_AndTheExecutable()
    {
        await using var sandbox = new Sandbox();
        var plugin = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, ".claude-plugin", "plugin.json"), Token))!;

        var run = await sandbox.RunAsync("version");

        Assert.Matches(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$", ReleasePackages.Version);
        Assert.Equal(ReleasePackages.Version, (string?)plugin["version"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal($"azure-openai {ReleasePackages.Version}", run.Stdout.Trim());
    }
}
