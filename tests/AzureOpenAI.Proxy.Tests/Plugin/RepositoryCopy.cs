namespace AzureOpenAI.Proxy.Tests.Plugin;

/// <summary>
/// The repository as a fresh clone holds it: every file but build output, installed packages and git metadata. The
/// launcher <c>bin/azure-openai</c> at the root is kept (with its exec bit); other <c>bin/</c> folders are build output.
/// </summary>
public static class RepositoryCopy
{
    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal)
    {
        ".git", "node_modules", "obj", "TestResults", "BenchmarkDotNet.Artifacts",
    };

    public static void Copy(string source, string destination) => CopyFolder(source, destination, atRoot: true);

    private static void CopyFolder(string source, string destination, bool atRoot)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            var target = Path.Combine(destination, Path.GetFileName(file));
            File.Copy(file, target);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(target, File.GetUnixFileMode(file));
        }
        foreach (var folder in Directory.EnumerateDirectories(source))
        {
            var name = Path.GetFileName(folder);
            if (Skipped.Contains(name) || (name == "bin" && !atRoot)) continue;
            CopyFolder(folder, Path.Combine(destination, name), atRoot: false);
        }
    }
}
