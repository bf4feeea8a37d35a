using Xunit;

namespace AzureOpenAI.TestSupport;

/// <summary>Locates the repository root and the reference material in <c>../shared</c> beside it.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder holding AzureOpenAI.slnx, found by walking up from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// A file or folder under <c>../shared</c> (specs, fixtures). That folder is not part of the product, so a user's
    /// clone lacks it: the test is skipped, saying why. Under <c>CI=true</c> its absence is a failure.
    /// </summary>
    public static string Shared(string relativePath)
    {
        var path = Path.GetFullPath(Path.Combine(Root, "..", "shared", relativePath));
        if (File.Exists(path) || Directory.Exists(path)) return path;
        var reason = $"{path} is missing: ../shared (specs and captured fixtures) is reference material beside the clone, not part of it";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException(reason + " (CI=true requires it)");
        Assert.Skip(reason);
        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "AzureOpenAI.slnx"))) return dir.FullName;
        throw new InvalidOperationException("AzureOpenAI.slnx not found above " + AppContext.BaseDirectory);
    }
}
