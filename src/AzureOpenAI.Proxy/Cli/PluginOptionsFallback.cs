using System.Text.Json.Nodes;
using AzureOpenAI.Proxy.Configuration;

namespace AzureOpenAI.Proxy.Cli;

/// <summary>
/// Claude Code hands the plugin's options (<c>CLAUDE_PLUGIN_OPTION_*</c>) to hooks but not to a command's <c>!</c>
/// block (observed on 2.1.328). So that <c>/azure-openai config</c>, <c>restart</c> and the rest see what the hook
/// sees, the non-sensitive options are read where Claude Code stores them, user settings.json
/// <c>pluginConfigs["azure-openai@…"].options</c>, and added as those variables. Sensitive ones (the API key) live in
/// Claude Code's secure storage, out of reach: a key given only as an option reaches the proxy the hook starts.
/// </summary>
internal static class PluginOptionsFallback
{
    private const string Prefix = "CLAUDE_PLUGIN_OPTION_";

    public static CliEnvironment Apply(CliEnvironment environment)
    {
        if (environment.Variables.Keys.Any(k => k.StartsWith(Prefix, StringComparison.Ordinal))) return environment;
        var options = StoredOptions(new CliContext(environment).ClaudeSettings.Path);
        if (options.Count == 0) return environment;
        var variables = new Dictionary<string, string>(environment.Variables, StringComparer.Ordinal);
        foreach (var (key, value) in options) variables[Prefix + key.ToUpperInvariant()] = value;
        return environment with { Variables = variables };
    }

    private static Dictionary<string, string> StoredOptions(string settingsPath)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        if (ClaudeSettingsJson.TryRead(settingsPath)?["pluginConfigs"] is not JsonObject configs) return options;
        foreach (var (id, config) in configs)
            if (id.StartsWith("azure-openai@", StringComparison.Ordinal) && config is JsonObject plugin && plugin["options"] is JsonObject stored)
                foreach (var (key, value) in ClaudeSettingsJson.Texts(stored)) options[key] = value;
        return options;
    }
}
