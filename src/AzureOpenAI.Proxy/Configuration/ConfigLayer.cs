namespace AzureOpenAI.Proxy.Configuration;

/// <summary>
/// One source of settings (defaults, a <c>.env</c> file, the environment, …) with the values it defines.
/// <paramref name="Source"/> is what <c>config</c> shows next to each effective value (e.g. <c>.env (/home/u/p/.env)</c>).
/// </summary>
internal sealed record ConfigLayer(string Source, IReadOnlyDictionary<string, string> Values)
{
    /// <summary>
    /// The layer comes with the folder the proxy runs in (<c>./.env</c>, <c>./.claude/settings.json</c>), which may be
    /// a repository someone else wrote: <see cref="ProjectTrust"/> limits what it may set.
    /// </summary>
    public bool IsProjectLevel { get; init; }
}
