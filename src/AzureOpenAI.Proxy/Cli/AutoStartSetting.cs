using AzureOpenAI.Proxy.Configuration;

namespace AzureOpenAI.Proxy.Cli;

/// <summary>
/// Whether the SessionStart hook may start the proxy: <c>AZURE_OPENAI_AUTO_START</c>, which every layer of DESIGN.md §2
/// can set (the <c>autoStart</c> plugin option, the settings.json block's <c>autoStart</c>, the environment, …). It is
/// not a proxy setting, so <see cref="EffectiveConfig"/> does not keep it: the highest layer that sets it wins here.
/// </summary>
internal sealed record AutoStartSetting(bool Enabled, string Source)
{
    private static readonly string[] Off = ["false", "0", "no", "off"];

    public static AutoStartSetting Resolve(CliContext context)
    {
        // The defaults layer (SettingDefaults) always sets it, so some layer does.
        var layer = ConfigLayers.Standard(context.Variables, context.CurrentDirectory, problems: [])
            .Last(l => !string.IsNullOrWhiteSpace(l.Values.GetValueOrDefault(CompatibilityKeys.AutoStart)));
        var value = layer.Values[CompatibilityKeys.AutoStart].Trim();
        return new AutoStartSetting(!Off.Contains(value, StringComparer.OrdinalIgnoreCase), layer.Source);
    }
}
