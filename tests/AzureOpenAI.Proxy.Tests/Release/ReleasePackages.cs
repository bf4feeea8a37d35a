using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json.Nodes;
using AzureOpenAI.Proxy.Tests.EndToEnd;
using AzureOpenAI.Proxy.Tests.Lifecycle;
using AzureOpenAI.Proxy.Tests.Support;
using AzureOpenAI.TestSupport;

namespace AzureOpenAI.Proxy.Tests.Release;

/// <summary>
/// The linux-x64 release as scripts/release packs it, made once per test run: first from a clean clone (a
/// <c>git clone</c> of the repository, so nothing untracked or already built can help), which builds the run's one
/// native binary; then again from the working tree with that binary (<c>--binary</c>), so that the package carries the
/// source hash of the launcher under test.
/// </summary>
public static class ReleasePackages
{
    public const string PlatformPackage = "@azure-openai/cli-linux-x64";
    public const string MetaPackage = "@azure-openai/cli";

    // A native build takes about 100 s on two idle cores; the other tests of the run share them.
    private static readonly TimeSpan ReleaseBound = TimeSpan.FromMinutes(12);
    private static readonly TimeSpan NpmBound = TimeSpan.FromMinutes(2);

    private static readonly string Folder = CreateFolder();
    private static readonly Lazy<Task<Packed>> CleanClone = new(PackCleanCloneAsync);
    private static readonly Lazy<Task<Packed>> WorkingTree = new(PackWorkingTreeAsync);

    /// <summary>The two tarballs of one run of scripts/release, and how long it took.</summary>
    public sealed record Packed(string PlatformTarball, string MetaTarball, TimeSpan Took);

    /// <summary>The release of a clean clone: scripts/release built its binary.</summary>
    public static Task<Packed> FromCleanCloneAsync() => CleanClone.Value;

    /// <summary>The release of the working tree (the clean clone's binary, this tree's source hash).</summary>
    public static Task<Packed> FromWorkingTreeAsync() => WorkingTree.Value;

    /// <summary>The version every part of the release reports: the repository's VERSION file.</summary>
    public static string Version => File.ReadAllText(Path.Combine(RepositoryPaths.Root, "VERSION")).Trim();

    /// <summary>A file of a package tarball (<c>package/…</c>), as text.</summary>
    public static string ReadEntry(string tarball, string name)
    {
        using var gzip = new GZipStream(File.OpenRead(tarball), CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.Name != $"package/{name}") continue;
            using var text = new StreamReader(entry.DataStream!);
            return text.ReadToEnd();
        }
        throw new FileNotFoundException($"{tarball} holds no package/{name}");
    }

    public static JsonObject ReadPackageJson(string tarball) => JsonNode.Parse(ReadEntry(tarball, "package.json"))!.AsObject();

    /// <summary>
    /// <c>npm install --offline TARBALL</c> into <paramref name="prefix"/>, in the sandbox's HOME (an empty npm cache):
    /// what a user does with a downloaded tarball, with no registry.
    /// </summary>
    public static async Task<string> InstallOfflineAsync(Sandbox sandbox, string prefix, string tarball, CancellationToken cancellationToken)
    {
        var run = await ProcessRun.RunAsync(sandbox, "npm",
            ["install", "--offline", "--prefix", prefix, "--no-save", "--no-package-lock", "--no-audit", "--no-fund", "--loglevel=error", tarball],
            null, NpmBound, cancellationToken);
        Assert.True(run.ExitCode == 0, run.ToString());
        return Path.Combine(prefix, "node_modules", PlatformPackage);
    }

    private static async Task<Packed> PackCleanCloneAsync()
    {
        await using var sandbox = ReleaseSandbox();
        var clone = Path.Combine(Folder, "clone");
        Succeeded(await ProcessRun.RunAsync(sandbox, "git", ["clone", "--quiet", RepositoryPaths.Root, clone], null, NpmBound, CancellationToken.None));
        return await ReleaseAsync(sandbox, clone, Path.Combine(Folder, "clone-dist"));
    }

    private static async Task<Packed> PackWorkingTreeAsync()
    {
        var built = await CleanClone.Value;
        var unpacked = Path.Combine(Folder, "clone-package");
        Directory.CreateDirectory(unpacked);
        await using (var gzip = new GZipStream(File.OpenRead(built.PlatformTarball), CompressionMode.Decompress))
            await TarFile.ExtractToDirectoryAsync(gzip, unpacked, overwriteFiles: false);
        await using var sandbox = ReleaseSandbox();
        return await ReleaseAsync(sandbox, RepositoryPaths.Root, Path.Combine(Folder, "tree-dist"),
            "--binary", Path.Combine(unpacked, "package", "bin", "azure-openai"));
    }

    private static async Task<Packed> ReleaseAsync(Sandbox sandbox, string repository, string output, params string[] options)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var run = await ProcessRun.RunAsync(sandbox, Path.Combine(repository, "scripts", "release"), ["linux-x64", "--out", output, .. options],
            null, ReleaseBound, CancellationToken.None);
        Succeeded(run);
        var tarballs = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return new Packed(tarballs[0], tarballs[1], started.Elapsed);
    }

    // The developer's NuGet cache, so that the publish restores nothing from the network.
    private static Sandbox ReleaseSandbox()
    {
        var sandbox = new Sandbox();
        foreach (var (name, value) in LauncherServe.LauncherVariables(sandbox)) sandbox.Variables[name] = value;
        return sandbox;
    }

    private static string CreateFolder()
    {
        var folder = Directory.CreateTempSubdirectory("aoai-release-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(folder, recursive: true);
        return folder;
    }

    private static void Succeeded(CliRun run) => Assert.True(run.ExitCode == 0, run.ToString());
}
