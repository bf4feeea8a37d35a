using AzureOpenAI.Proxy.Tests.Lifecycle;
using AzureOpenAI.Proxy.Tests.Support;
using AzureOpenAI.TestSupport;

namespace AzureOpenAI.Proxy.Tests.EndToEnd;

/// <summary>
/// The real Claude Code CLI, pinned in tests/e2e/package-lock.json (2.1.328) and installed by test.sh / .ci/run,
/// run headless (<c>claude -p</c>) in the sandbox's HOME as CLAUDE-CODE.md §6 describes.
/// </summary>
public static class ClaudeCli
{
    private static readonly TimeSpan RunBound = TimeSpan.FromMinutes(3);

    /// <summary>The pinned CLI, or the one <c>CLAUDE_CLI</c> names (tests/e2e/compat.sh runs the scenarios against another release).</summary>
    public static string Executable { get; } = Environment.GetEnvironmentVariable("CLAUDE_CLI") is { Length: > 0 } other
        ? other
        : Path.Combine(RepositoryPaths.Root, "tests", "e2e", "node_modules", ".bin", "claude");

    /// <summary>No traffic to Anthropic (telemetry, updates): the tests reach nothing beyond loopback.</summary>
    public static IReadOnlyDictionary<string, string> OfflineVariables { get; } = new Dictionary<string, string>
    {
        ["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1",
        ["DISABLE_AUTOUPDATER"] = "1",
    };

    /// <summary>
    /// Runs <c>claude ARGS</c> to completion (bounded), routed to <paramref name="proxy"/> with the local token, or,
    /// when <paramref name="proxy"/> is null, as the sandbox's settings.json routes it (the plugin tests).
    /// </summary>
    public static async Task<CliRun> RunAsync(Sandbox sandbox, Uri? proxy, string? token, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        EnsureInstalled();
        var routing = new Dictionary<string, string>(OfflineVariables);
        if (proxy is not null) routing["ANTHROPIC_BASE_URL"] = proxy.ToString().TrimEnd('/');
        if (token is not null) routing["ANTHROPIC_AUTH_TOKEN"] = token;
        return await ProcessRun.RunAsync(sandbox, Executable, [.. arguments], stdin: null, RunBound, cancellationToken, routing);
    }

    public static void EnsureInstalled()
    {
        if (!File.Exists(Executable))
            throw new InvalidOperationException($"{Executable} is missing: run `npm ci --prefix tests/e2e` (./test.sh does it)");
    }
}
