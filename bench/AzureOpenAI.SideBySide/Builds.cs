using System.Diagnostics;

namespace AzureOpenAI.SideBySide;

/// <summary>The proxy's builds as the launcher makes them: <c>AZURE_OPENAI_BUILD=MODE bin/azure-openai version --verbose</c> names the binary (building it first if it is missing).</summary>
internal static class Builds
{
    public static async Task<string> ResolveAsync(string repositoryRoot, string mode)
    {
        var info = new ProcessStartInfo(Path.Combine(repositoryRoot, "bin", "azure-openai"), ["version", "--verbose"]) { RedirectStandardOutput = true };
        info.Environment["AZURE_OPENAI_BUILD"] = mode;
        Console.Error.WriteLine($"bench: the {mode} build (bin/azure-openai builds it when it is missing; native AOT takes minutes)…");
        using var process = Process.Start(info)!;
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"AZURE_OPENAI_BUILD={mode} bin/azure-openai version failed ({process.ExitCode})");
        return stdout.Split('\n').Select(line => line.Split(' ', 2, StringSplitOptions.TrimEntries)).First(pair => pair[0] == "executable")[1];
    }
}
