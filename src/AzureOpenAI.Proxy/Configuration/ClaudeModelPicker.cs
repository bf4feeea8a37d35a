namespace AzureOpenAI.Proxy.Configuration;

/// <summary>
/// What Claude Code's <c>/model</c> picker shows behind the proxy, honestly labelled: per configured tier,
/// <c>ANTHROPIC_DEFAULT_{OPUS,SONNET,HAIKU}_MODEL</c> (the deployment itself, which routing passes through unchanged)
/// with its <c>_NAME</c> ("gpt-5 on Azure") and <c>_DESCRIPTION</c> (honoured behind a gateway since Claude Code
/// 2.1.84/2.1.118); and, when <c>SUBAGENT_TIER</c> is set, <c>CLAUDE_CODE_SUBAGENT_MODEL</c>, which overrides the model
/// of every subagent. Setup merges these into settings.json <c>env</c>; <c>setup --remove</c> takes them back.
/// </summary>
internal static class ClaudeModelPicker
{
    public const string SubagentModelKey = "CLAUDE_CODE_SUBAGENT_MODEL";

    /// <summary>The tiers Claude Code names, with the setting that holds each one's deployment.</summary>
    public static IEnumerable<(string Tier, string Family, string? Deployment)> Tiers(ProxySettings settings) =>
    [
        ("opus", "OPUS", settings.BigModel),
        ("sonnet", "SONNET", settings.MiddleModel),
        ("haiku", "HAIKU", settings.SmallModel),
    ];

    public static Dictionary<string, string> Environment(ProxySettings settings)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (tier, family, deployment) in Tiers(settings))
        {
            if (deployment is null) continue;
            env[$"ANTHROPIC_DEFAULT_{family}_MODEL"] = deployment;
            env[$"ANTHROPIC_DEFAULT_{family}_MODEL_NAME"] = DisplayName(deployment, settings.Provider);
            env[$"ANTHROPIC_DEFAULT_{family}_MODEL_DESCRIPTION"] = Description(deployment, settings.Provider, tier);
        }
        if (SubagentDeployment(settings) is { } subagents) env[SubagentModelKey] = subagents;
        return env;
    }

    /// <summary>The deployment subagents go to (<c>SUBAGENT_TIER</c>), or null when they keep the model they ask for.</summary>
    public static string? SubagentDeployment(ProxySettings settings) =>
        settings.SubagentTier is { } wanted ? Tiers(settings).FirstOrDefault(t => t.Tier == wanted).Deployment : null;

    public static string DisplayName(string deployment, ProviderKind provider) => $"{deployment} on {ProviderName(provider)}";

    public static string Description(string deployment, ProviderKind provider, string tier) =>
        $"{ProviderName(provider)} deployment {deployment}, through the azure-openai proxy ({tier} tier)";

    private static string ProviderName(ProviderKind provider) => provider == ProviderKind.Azure ? "Azure" : "OpenAI-compatible";
}
