namespace AzureOpenAI.Proxy.Server;

/// <summary>One entry of <c>GET /v1/models</c>: a name Claude Code may request and the deployment serving it.</summary>
internal sealed record ModelEntry(string Id, string DisplayName, string Deployment);

/// <summary>
/// The models this proxy serves: the Claude aliases Claude Code 2.1.328 requests (<c>claude-opus-5-5</c>, …) for each
/// configured tier, then the deployments themselves (any other name passes through routing unchanged).
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
        foreach (var deployment in (string?[])[settings.BigModel, settings.MiddleModel, settings.SmallModel])
            if (deployment is not null && !entries.Exists(e => e.Id == deployment))
                entries.Add(new ModelEntry(deployment, deployment, deployment));
        return entries;
    }

    private static void AddAlias(List<ModelEntry> entries, string id, string family, string? deployment)
    {
        if (deployment is not null) entries.Add(new ModelEntry(id, $"{family} via {deployment}", deployment));
    }
}
