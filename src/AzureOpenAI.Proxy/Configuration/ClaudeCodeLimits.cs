using AzureOpenAI.Translation.Mapping;

namespace AzureOpenAI.Proxy.Configuration;

/// <summary>
/// Claude Code's own limits, set to what the deployments can take, so that it asks for no more than the proxy sends and
/// compacts before the smallest window (both variables checked in the 2.1.328 binary):
/// <code>
/// CLAUDE_CODE_MAX_OUTPUT_TOKENS    MAX_OUTPUT_RESERVATION: no max_tokens: 128000 per turn that the proxy must cut
/// CLAUDE_CODE_AUTO_COMPACT_WINDOW  the smallest known input window of the configured deployments and pools; the CLI
///                                  refuses values under 100000, so never less
/// </code>
/// Setup merges these into settings.json <c>env</c> with the routing keys; <c>setup --remove</c> takes them back.
/// </summary>
internal static class ClaudeCodeLimits
{
    public const string MaxOutputTokensKey = "CLAUDE_CODE_MAX_OUTPUT_TOKENS";
    public const string AutoCompactWindowKey = "CLAUDE_CODE_AUTO_COMPACT_WINDOW";

    /// <summary>The CLI's own floor for <see cref="AutoCompactWindowKey"/> ("Set it to a size of at least 100k").</summary>
    public const int MinimumCompactWindow = 100_000;

    public static Dictionary<string, string> Environment(ProxySettings settings)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [MaxOutputTokensKey] = settings.MaxOutputReservation.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (SmallestWindow(settings) is { } window)
            env[AutoCompactWindowKey] = Math.Max(MinimumCompactWindow, window).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return env;
    }

    /// <summary>The smallest input window known for a deployment Claude Code's requests can reach, or null when none is known.</summary>
    private static int? SmallestWindow(ProxySettings settings)
    {
        IEnumerable<int?> windows = ClaudeModelPicker.Tiers(settings)
            .Where(t => t.Deployment is not null)
            .Select(t => ModelContextWindows.For(t.Deployment!));
        if (settings.Pools is { } pools)
            windows = windows.Concat(pools.Tiers.Values.SelectMany(b => b).Select(b => b.ContextWindow ?? ModelContextWindows.For(b.Deployment)));
        return windows.OfType<int>().DefaultIfEmpty().Min() is var smallest and > 0 ? smallest : null;
    }
}
