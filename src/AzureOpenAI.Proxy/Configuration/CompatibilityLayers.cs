using System.Text.Json.Nodes;

namespace AzureOpenAI.Proxy.Configuration;

/// <summary>
/// The layers of DESIGN.md §2 beyond defaults, <c>./.env</c> and the environment, each read into a
/// <see cref="ConfigLayer"/> whose source names the file:
/// <code>
/// 2. config.env in the data home                  written by `setup`
/// 3. .env in the plugin folder                    compatibility with the original plugin
/// 4. plugins.azure-openai in ~/.claude/settings.json, then in ./.claude/settings.json (camelCase keys; the
///    project's is project-level, see ProjectTrust)
/// 5. CLAUDE_PLUGIN_OPTION_*                       the plugin's options, from Claude Code
/// </code>
/// </summary>
internal static class CompatibilityLayers
{
    public const string PluginBlock = "azure-openai";

    public static ConfigLayer? DataHomeConfig(DataHome home) =>
        File.Exists(home.ConfigEnv) ? ReadDotEnv(home.ConfigEnv, $"config.env ({home.ConfigEnv})") : null;

    /// <summary>The plugin folder is <c>CLAUDE_PLUGIN_ROOT</c> under Claude Code, else the one the launcher names.</summary>
    public static ConfigLayer? PluginDotEnv(IReadOnlyDictionary<string, string> environment)
    {
        var root = environment.GetValueOrDefault("CLAUDE_PLUGIN_ROOT");
        if (string.IsNullOrWhiteSpace(root)) root = environment.GetValueOrDefault("AZURE_OPENAI_PLUGIN_ROOT");
        if (string.IsNullOrWhiteSpace(root)) return null;
        var path = Path.Combine(root, ".env");
        return File.Exists(path) ? ReadDotEnv(path, $"plugin .env ({path})") : null;
    }

    /// <summary>The user's settings.json block, then the project's (higher, project-level).</summary>
    public static IEnumerable<ConfigLayer> ClaudeSettingsBlocks(IReadOnlyDictionary<string, string> environment, string currentDirectory)
    {
        var user = ClaudeSettingsFile.ForUser(name => environment.GetValueOrDefault(name)).Path;
        var project = Path.Combine(currentDirectory, ".claude", "settings.json");
        if (SettingsBlock(user) is { } userLayer) yield return userLayer;
        if (Path.GetFullPath(user) != Path.GetFullPath(project) && SettingsBlock(project) is { } projectLayer)
            yield return projectLayer with { IsProjectLevel = true };
    }

    public static ConfigLayer? PluginOptions(IReadOnlyDictionary<string, string> environment)
    {
        const string Prefix = "CLAUDE_PLUGIN_OPTION_";
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in environment)
            if (name.StartsWith(Prefix, StringComparison.Ordinal) && CompatibilityKeys.FromPluginOption(name[Prefix.Length..]) is { } setting)
                values[setting] = value;
        return values.Count == 0 ? null : new ConfigLayer("plugin options (CLAUDE_PLUGIN_OPTION_*)", values);
    }

    private static ConfigLayer ReadDotEnv(string path, string source) => new(source, DotEnvParser.Parse(File.ReadAllText(path), source));

    private static ConfigLayer? SettingsBlock(string path)
    {
        // A settings.json that does not parse reads as absent here: `status` (routing check) and `setup` (which
        // refuses to rewrite it) report it.
        if (ClaudeSettingsJson.TryRead(path)?["plugins"] is not JsonObject plugins || plugins[PluginBlock] is not JsonObject block) return null;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in ClaudeSettingsJson.Texts(block))
            if ((key == ProjectTrust.CamelCaseKey ? SettingNames.TrustProjectConfig : CompatibilityKeys.FromCamelCase(key)) is { } setting)
                values[setting] = value;
        return new ConfigLayer($"settings.json plugins.{PluginBlock} ({path})", values);
    }
}
