namespace AzureOpenAI.Proxy.Configuration;

/// <summary>
/// What project-level layers (<see cref="ConfigLayer.IsProjectLevel"/>) may set. They come with whatever folder the
/// proxy runs in, a freshly cloned repository included, so by default they may tune models and limits but not choose
/// where the key goes, supply credentials, or move the listener. The user opts in at user level (config.env, the
/// environment, or <c>trustProjectConfig</c> in ~/.claude/settings.json's block) with <see cref="SettingNames.TrustProjectConfig"/>.
/// </summary>
internal static class ProjectTrust
{
    /// <summary>The opt-in's key in a settings.json <c>plugins.azure-openai</c> block.</summary>
    public const string CamelCaseKey = "trustProjectConfig";

    public static readonly string OptInHint =
        $"to let project files set these, opt in at user level: {SettingNames.TrustProjectConfig}=true in config.env or the environment, " +
        $"or \"{CamelCaseKey}\": true in ~/.claude/settings.json plugins.{CompatibilityLayers.PluginBlock}";

    private const string Credentials = "credentials come only from your own configuration";
    private const string Listener = "a project must not change where the proxy listens (HOST=0.0.0.0 opens it to the network)";
    private const string Guard = "a project must not let web pages or other host names drive the proxy";
    private const string Transport = "a project must not change how your credential is sent";

    private static readonly string[] On = ["true", "1", "yes", "on"];

    private static readonly Dictionary<string, string> Reasons = new(StringComparer.Ordinal)
    {
        [SettingNames.BaseUrl] = "a project must not choose where your key and prompts are sent",
        [SettingNames.ApiKey] = Credentials,
        [SettingNames.AzureAdToken] = Credentials,
        [SettingNames.ProxyAuthToken] = Credentials,
        // Extra upstream headers carry secrets (an APIM subscription key): refused by name, so adding the setting
        // to SettingNames cannot open this hole.
        ["UPSTREAM_HEADERS"] = Credentials,
        [SettingNames.Provider] = Transport,
        [SettingNames.AzureAuth] = Transport,
        [SettingNames.Host] = Listener,
        [SettingNames.Port] = Listener,
        [SettingNames.AllowedHosts] = Guard,
        [SettingNames.AllowedOrigins] = Guard,
        [SettingNames.TrustProjectConfig] = "a project cannot opt itself in",
        [SettingNames.CaptureDirectory] = "it writes every conversation to disk",
    };

    /// <summary>Why a project-level layer may not set <paramref name="name"/>, or null when it may.</summary>
    public static string? RefusalReason(string name) =>
        Reasons.GetValueOrDefault(name) ?? (SettingNames.IsSecret(name) ? Credentials : null);

    /// <summary>Whether the highest user-level layer that sets the opt-in turns it on; project layers cannot.</summary>
    public static bool OptedIn(IEnumerable<ConfigLayer> layersLowestFirst) =>
        layersLowestFirst.LastOrDefault(l => !l.IsProjectLevel && !string.IsNullOrWhiteSpace(l.Values.GetValueOrDefault(SettingNames.TrustProjectConfig)))
            is { } layer && On.Contains(layer.Values[SettingNames.TrustProjectConfig].Trim(), StringComparer.OrdinalIgnoreCase);

    /// <summary>One line naming the refused settings (names only: values may be secrets), or null when none was refused.</summary>
    public static string? Warning(IReadOnlyList<RefusedSetting> refused) => refused.Count == 0 ? null
        : $"warning: ignored {string.Join(", ", refused.Select(r => r.Name).Distinct())} from project files " +
          $"({string.Join(", ", refused.Select(r => r.Source).Distinct())}); see `{ProductInfo.Name} config`; {OptInHint}";
}
