using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Translation.Mapping;

namespace AzureOpenAI.Proxy.Server;

/// <summary>One entry of <c>GET /v1/models</c>: a name Claude Code may request and the deployment serving it.</summary>
internal sealed record ModelEntry(string Id, string DisplayName, string Description, string Deployment);

/// <summary>
/// The models this proxy serves: the Claude aliases Claude Code 2.1.328 requests (<c>claude-opus-5-5</c>, …) for each
/// configured tier, then each deployment as <c>anthropic/&lt;deployment&gt;</c>. Claude Code's gateway model discovery
/// (<c>CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY=1</c>: <c>GET /v1/models?limit=1000</c>, cached in
/// <c>~/.claude/cache/gateway-models.json</c>) keeps only ids matching <c>/(claude|anthropic)/i</c>, so a bare
/// deployment name would never reach <c>/model</c>; the prefix is routed away (<see cref="ModelRouter.GatewayPrefix"/>),
/// and, not being a Claude id, it keeps <c>CLAUDE_CODE_MAX_CONTEXT_TOKENS</c> in force.
/// </summary>
internal static class ModelCatalog
{
    /// <summary>Fixed, since the aliases have no creation date of their own.</summary>
    public const string CreatedAt = "2025-01-01T00:00:00Z";

    public static IReadOnlyList<ModelEntry> List(ProxyState state)
    {
        var settings = state.Settings;
        var entries = new List<ModelEntry>();
        AddAlias(entries, "claude-opus-5-5", "Opus", settings.BigModel);
        AddAlias(entries, "claude-sonnet-5-5", "Sonnet", settings.MiddleModel);
        AddAlias(entries, "claude-haiku-5-5", "Haiku", settings.SmallModel);
        foreach (var (tier, _, deployment) in ClaudeModelPicker.Tiers(settings))
            if (deployment is not null && !entries.Exists(e => e.Id == ModelRouter.GatewayPrefix + deployment))
                entries.Add(new ModelEntry(ModelRouter.GatewayPrefix + deployment, ClaudeModelPicker.DisplayName(deployment, settings.Provider),
                    ClaudeModelPicker.Description(deployment, settings.Provider, tier), deployment));
        return entries;
    }

    private static void AddAlias(List<ModelEntry> entries, string id, string family, string? deployment)
    {
        if (deployment is not null) entries.Add(new ModelEntry(id, $"{family} via {deployment}", $"Claude Code's {family} requests, served by {deployment}", deployment));
    }
}
