using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Translation.Mapping;

namespace AzureOpenAI.Proxy.Server;

/// <summary>One entry of <c>GET /v1/models</c>: a name Claude Code may request and the deployment serving it.</summary>
internal sealed record ModelEntry(string Id, string DisplayName, string Description, string Deployment);

/// <summary>
/// The models this proxy serves: the Claude aliases Claude Code 2.1.328 requests (<c>claude-opus-5-5</c>, …) for each
/// configured tier, then each deployment as <c>anthropic/&lt;deployment&gt;</c>. A tier of pools.json lists each of its
/// deployments, highest priority first; requesting one is served by that deployment's backends (<see cref="Upstream.Pools.BackendPools"/>).
/// Claude Code's gateway model discovery
/// (<c>CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY=1</c>: <c>GET /v1/models?limit=1000</c>, cached in
/// <c>~/.claude/cache/gateway-models.json</c>) keeps only ids matching <c>/(claude|anthropic)/i</c>, so a bare
/// deployment name would never reach <c>/model</c>; the prefix is routed away (<see cref="ModelRouter.GatewayPrefix"/>),
/// and, not being a Claude id, it keeps <c>CLAUDE_CODE_MAX_CONTEXT_TOKENS</c> in force.
/// </summary>
internal static class ModelCatalog
{
    /// <summary>Fixed, since the aliases have no creation date of their own.</summary>
    public const string CreatedAt = "2025-01-01T00:00:00Z";

    private static readonly (string PoolTier, string Alias, string Family)[] Aliases =
        [("big", "claude-opus-5-5", "Opus"), ("middle", "claude-sonnet-5-5", "Sonnet"), ("small", "claude-haiku-5-5", "Haiku")];

    public static IReadOnlyList<ModelEntry> List(ProxyState state)
    {
        var tiers = ClaudeModelPicker.Tiers(state.Settings)
            .Select((t, i) => (t.Tier, Aliases[i], Deployments: Deployments(state, Aliases[i].PoolTier, t.Deployment)))
            .ToList();
        var entries = new List<ModelEntry>();
        foreach (var (_, (_, alias, family), deployments) in tiers)
            if (deployments.Count > 0)
            {
                var names = string.Join(", ", deployments.Select(d => d.Name));
                entries.Add(new ModelEntry(alias, $"{family} via {names}", $"Claude Code's {family} requests, served by {names}", deployments[0].Name));
            }
        foreach (var (tier, _, deployments) in tiers)
            foreach (var (deployment, provider) in deployments)
                if (!entries.Exists(e => e.Id == ModelRouter.GatewayPrefix + deployment))
                    entries.Add(new ModelEntry(ModelRouter.GatewayPrefix + deployment, ClaudeModelPicker.DisplayName(deployment, provider),
                        ClaudeModelPicker.Description(deployment, provider, tier), deployment));
        return entries;
    }

    /// <summary>The deployments serving a tier: its pools.json backends' (distinct, highest priority first), else the settings' one.</summary>
    private static List<(string Name, ProviderKind Provider)> Deployments(ProxyState state, string poolTier, string? single) =>
        state.Pools.PooledTiers.FirstOrDefault(p => p.Name == poolTier) is { } pool
            ? [.. pool.Backends.OrderBy(b => b.Spec.Priority).Select(b => (b.Deployment, b.Profile.Kind)).DistinctBy(d => d.Deployment)]
            : single is null ? [] : [(single, state.Settings.Provider)];
}
