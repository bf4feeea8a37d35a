namespace AzureOpenAI.Translation.Mapping;

/// <summary>
/// Requested model → deployment (DESIGN.md §2): <c>opus</c> → big, <c>sonnet</c> → middle, <c>haiku</c> → small,
/// any other <c>claude-*</c> → middle, anything else unchanged. Matching is by family word, so
/// <c>claude-opus-5-5</c> and <c>claude-3-opus-20240229</c> route alike. An unset tier falls back to the others.
/// </summary>
public sealed record ModelRouter(string? Big, string? Middle, string? Small)
{
    /// <summary>The deployment for <paramref name="requestedModel"/>, or null when no deployment is configured for it.</summary>
    public string? Route(string requestedModel)
    {
        requestedModel = WithoutContextSuffix(requestedModel);
        if (requestedModel.StartsWith(GatewayPrefix, StringComparison.OrdinalIgnoreCase)) return requestedModel[GatewayPrefix.Length..];
        if (Contains(requestedModel, "opus")) return Big ?? Middle ?? Small;
        if (Contains(requestedModel, "haiku")) return Small ?? Middle ?? Big;
        if (Contains(requestedModel, "sonnet") || requestedModel.StartsWith("claude", StringComparison.OrdinalIgnoreCase))
            return Middle ?? Big ?? Small;
        return requestedModel;
    }

    /// <summary>The prefix of the deployments <c>GET /v1/models</c> lists, for Claude Code's discovery filter; routed away.</summary>
    public const string GatewayPrefix = "anthropic/";

    /// <summary>
    /// <c>sonnet[1m]</c> / <c>claude-opus-5-5[1M]</c> select Anthropic's 1M window; the suffix is Claude Code's, never a
    /// deployment's (a router that leaks it turns every request into a 404: claude-code-router#1693).
    /// </summary>
    public static string WithoutContextSuffix(string model) =>
        model.EndsWith("[1m]", StringComparison.OrdinalIgnoreCase) ? model[..^4] : model;

    private static bool Contains(string model, string family) => model.Contains(family, StringComparison.OrdinalIgnoreCase);
}
