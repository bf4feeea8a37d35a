using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AzureOpenAI.Proxy.Configuration;

/// <summary>
/// The layers of DESIGN.md §2 beyond defaults, <c>./.env</c> and the environment, each read into a
/// <see cref="ConfigLayer"/> whose source names the file:
/// <code>
/// 2. config.env in the data home                  written by `setup`
/// 3. .env in the plugin folder                    compatibility with the original plugin
/// 4. plugins.azure-openai in ~/.claude/settings.json, then in ./.claude/settings.json (camelCase keys)
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

    /// <summary>The user's settings.json block, then the project's (higher).</summary>
    public static IEnumerable<ConfigLayer> ClaudeSettingsBlocks(IReadOnlyDictionary<string, string> environment, string currentDirectory)
    {
        var user = ClaudeSettingsFile.ForUser(name => environment.GetValueOrDefault(name)).Path;
        var project = Path.Combine(currentDirectory, ".claude", "settings.json");
        foreach (var path in Path.GetFullPath(user) == Path.GetFullPath(project) ? [user] : (string[])[user, project])
            if (SettingsBlock(path) is { } layer) yield return layer;
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
        if (!File.Exists(path)) return null;
        var source = $"settings.json plugins.{PluginBlock} ({path})";
        // A settings.json that does not parse is Claude Code's problem before it is ours: it must not stop the proxy.
        // `status` (routing check) and `setup` (which refuses to rewrite it) report it.
        JsonNode? root;
        try { root = JsonNode.Parse(File.ReadAllText(path)); }
        catch (JsonException) { return null; }
        if (root?["plugins"]?[PluginBlock] is not JsonObject block) return null;

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, node) in block)
        {
            if (CompatibilityKeys.FromCamelCase(key) is not { } setting || node is not JsonValue value) continue;
            values[setting] = value.GetValueKind() switch
            {
                JsonValueKind.String => value.GetValue<string>(),
                JsonValueKind.Number => value.GetValue<decimal>().ToString(CultureInfo.InvariantCulture),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => "",
            };
        }
        return new ConfigLayer(source, values);
    }
}
