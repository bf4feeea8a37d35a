namespace AzureOpenAI.Proxy.Configuration;

/// <summary>
/// DESIGN.md §2 defaults, the only place they are written: <c>config</c> shows them as the <c>default</c> layer and
/// <see cref="SettingsReader"/> reads them, by the same rules as any configured value, for what no layer sets.
/// <c>AZURE_API_VERSION</c> has none here: its <c>v1</c> default applies on Azure only (<see cref="ProxySettings.AzureV1"/>).
/// </summary>
internal static class SettingDefaults
{
    public static IReadOnlyDictionary<string, string> Values { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [SettingNames.Provider] = "auto",
        [SettingNames.Port] = "8082",
        [SettingNames.Host] = "127.0.0.1",
        [SettingNames.MaxTokensLimit] = "131072",
        // Azure Standard counts prompt + max_tokens against TPM at admission: 16384 lets three Claude Code turns a
        // minute through a 60k-TPM deployment, and is gpt-4o's own output cap (README: quota shaping).
        [SettingNames.MaxOutputReservation] = "16384",
        [SettingNames.MinOutputReservation] = "2048",
        [SettingNames.RequestTimeout] = "300",
        [SettingNames.LogLevel] = "info",
        [SettingNames.ReasoningModels] = "o1,o3,o4,gpt-5",
        [SettingNames.MaxRetries] = "2",
        [SettingNames.ApiStyle] = "auto",
        [CompatibilityKeys.AutoStart] = "true",
        [SettingNames.TrustProjectConfig] = "false",
        [SettingNames.UsageRetentionDays] = "90",
        [SettingNames.PrometheusMetrics] = "false",
    };

    /// <summary>The default of <paramref name="name"/> as a value of the <c>default</c> layer, or null when it has none.</summary>
    public static ConfigValue? Find(string name) =>
        Values.TryGetValue(name, out var value) ? new ConfigValue(value, ConfigLayers.DefaultsSource) : null;
}
