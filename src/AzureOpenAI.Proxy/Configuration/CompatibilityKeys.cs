namespace AzureOpenAI.Proxy.Configuration;

/// <summary>
/// The camelCase keys of the compatibility sources (DESIGN.md §2 layers 4 and 5): the <c>plugins.azure-openai</c>
/// block of Claude Code's settings.json, and the plugin options Claude Code passes as <c>CLAUDE_PLUGIN_OPTION_*</c>.
/// </summary>
internal static class CompatibilityKeys
{
    public const string AutoStart = "AZURE_OPENAI_AUTO_START";

    private static readonly Dictionary<string, string> ByCamelCase = new(StringComparer.Ordinal)
    {
        ["apiKey"] = SettingNames.ApiKey,
        ["baseUrl"] = SettingNames.BaseUrl,
        ["apiVersion"] = SettingNames.AzureApiVersion,
        ["bigModel"] = SettingNames.BigModel,
        ["middleModel"] = SettingNames.MiddleModel,
        ["smallModel"] = SettingNames.SmallModel,
        ["proxyPort"] = SettingNames.Port,
        ["maxTokens"] = SettingNames.MaxTokensLimit,
        ["requestTimeout"] = SettingNames.RequestTimeout,
        ["autoStart"] = AutoStart,
    };

    // CLAUDE_PLUGIN_OPTION_<KEY> upper-cases the option key: APIKEY, or API_KEY when the key was snake_case.
    private static readonly Dictionary<string, string> ByOptionName =
        ByCamelCase.ToDictionary(pair => pair.Key.ToUpperInvariant(), pair => pair.Value, StringComparer.Ordinal);

    /// <summary>The setting a settings.json key stands for, or null for keys this version does not know.</summary>
    public static string? FromCamelCase(string key) => ByCamelCase.GetValueOrDefault(key);

    /// <summary>
    /// The setting a plugin option stands for: its camelCase key upper-cased (<c>APIKEY</c>, <c>API_KEY</c>) or a
    /// setting name itself (<c>OPENAI_API_KEY</c>).
    /// </summary>
    public static string? FromPluginOption(string suffix) =>
        SettingNames.All.Contains(suffix) ? suffix : ByOptionName.GetValueOrDefault(suffix.Replace("_", "", StringComparison.Ordinal));
}
