namespace AzureOpenAI.Proxy.Tests.Launcher;

/// <summary>
/// A <c>PATH</c> of one folder holding a symbolic link to every program on the current <c>PATH</c> but the excluded
/// ones: a machine without, say, a C compiler or the .NET SDK, for the launcher that looks them up by name.
/// </summary>
public static class ToolPath
{
    public static string Without(string folder, Func<string, bool> excluded)
    {
        Directory.CreateDirectory(folder);
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var directory in path.Split(':', StringSplitOptions.RemoveEmptyEntries).Where(Directory.Exists))
            foreach (var program in Directory.EnumerateFiles(directory))
            {
                var name = Path.GetFileName(program);
                var link = Path.Combine(folder, name);
                // The first on PATH wins, as for a lookup.
                if (!excluded(name) && !File.Exists(link) && !Directory.Exists(link)) File.CreateSymbolicLink(link, program);
            }
        return folder;
    }

    /// <summary>The C toolchains native AOT links with (clang, or gcc as its fallback), under any of their names.</summary>
    public static bool IsCCompiler(string name) =>
        name is "cc" or "c++" or "c89" or "c99"
        || name.StartsWith("clang", StringComparison.Ordinal)
        || name.StartsWith("gcc", StringComparison.Ordinal) || name.StartsWith("g++", StringComparison.Ordinal)
        || name.Contains("-gcc", StringComparison.Ordinal) || name.Contains("-g++", StringComparison.Ordinal);
}
