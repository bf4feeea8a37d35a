using System.Diagnostics;
using AzureOpenAI.Proxy.Tests.Lifecycle;
using AzureOpenAI.TestSupport;

namespace AzureOpenAI.Proxy.Tests.EndToEnd;

/// <summary>
/// The real Claude Code CLI, pinned in tests/e2e/package-lock.json (2.1.328) and installed by test.sh / .ci/run,
/// run headless (<c>claude -p</c>) in the sandbox's HOME as CLAUDE-CODE.md §6 describes.
/// </summary>
public static class ClaudeCli
{
    private static readonly TimeSpan RunBound = TimeSpan.FromMinutes(3);

    public static string Executable { get; } = Path.Combine(RepositoryPaths.Root, "tests", "e2e", "node_modules", ".bin", "claude");

    /// <summary>
    /// Runs <c>claude ARGS</c> to completion (bounded), routed to <paramref name="proxy"/> with the local token, or,
    /// when <paramref name="proxy"/> is null, as the sandbox's settings.json routes it (the plugin tests).
    /// </summary>
    public static async Task<CliRun> RunAsync(Sandbox sandbox, Uri? proxy, string? token, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        if (!File.Exists(Executable))
            throw new InvalidOperationException($"{Executable} is missing: run `npm ci --prefix tests/e2e` (./test.sh does it)");

        var info = new ProcessStartInfo(Executable, arguments)
        {
            WorkingDirectory = sandbox.WorkingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment.Clear();
        foreach (var (name, value) in sandbox.Variables) info.Environment[name] = value;
        if (proxy is not null) info.Environment["ANTHROPIC_BASE_URL"] = proxy.ToString().TrimEnd('/');
        if (token is not null) info.Environment["ANTHROPIC_AUTH_TOKEN"] = token;
        info.Environment["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1";
        info.Environment["DISABLE_AUTOUPDATER"] = "1";

        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RunBound);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"claude did not finish within {RunBound}: {await stdout}{await stderr}");
        }
        return new CliRun([.. arguments], process.ExitCode, await stdout, await stderr);
    }
}
