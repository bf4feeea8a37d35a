using System.Collections;

namespace AzureOpenAI.Proxy.Configuration;

/// <summary>
/// The layers of DESIGN.md §2, lowest first: defaults, the data home's <c>config.env</c>, a <c>.env</c> file (./.env or
/// AZURE_OPENAI_ENV_FILE), the plugin folder's <c>.env</c>, the settings.json blocks, <c>CLAUDE_PLUGIN_OPTION_*</c>, and
/// the process environment (see <see cref="CompatibilityLayers"/>). <c>./.env</c> and <c>./.claude/settings.json</c>
/// are project-level (<see cref="ProjectTrust"/>). The data home is never a layer's to choose: only the process
/// environment's <c>AZURE_OPENAI_HOME</c> names it (<see cref="DataHome.Resolve"/>).
/// </summary>
internal static class ConfigLayers
{
    public const string DefaultsSource = "default";
    public const string EnvironmentSource = "environment";

    /// <summary>The lowest layer: <see cref="SettingDefaults"/>.</summary>
    public static ConfigLayer Defaults() => new(DefaultsSource, SettingDefaults.Values);

    /// <param name="problems">When given, a layer that cannot be read is reported here and skipped (for <c>config</c>,
    /// which shows everything it can); otherwise its <see cref="ConfigurationException"/> propagates.</param>
    public static IReadOnlyList<ConfigLayer> Standard(IReadOnlyDictionary<string, string> environment, string currentDirectory,
        ICollection<ConfigurationException>? problems = null)
    {
        var layers = new List<ConfigLayer> { Defaults() };
        void Add(Func<IEnumerable<ConfigLayer?>> read)
        {
            try { layers.AddRange(read().OfType<ConfigLayer>()); }
            catch (ConfigurationException ex) when (problems is not null) { problems.Add(ex); }
        }
        var home = DataHome.Resolve(name => environment.GetValueOrDefault(name));
        Add(() => [CompatibilityLayers.DataHomeConfig(home)]);
        Add(() => [DotEnv(environment, currentDirectory)]);
        Add(() => [CompatibilityLayers.PluginDotEnv(environment)]);
        Add(() => [.. CompatibilityLayers.ClaudeSettingsBlocks(environment, currentDirectory)]);
        Add(() => [CompatibilityLayers.PluginOptions(environment)]);
        layers.Add(new ConfigLayer(EnvironmentSource, environment));
        return layers;
    }

    /// <summary>
    /// The <c>.env</c> layer: the file named by <c>AZURE_OPENAI_ENV_FILE</c> when set (it must exist), otherwise
    /// <c>.env</c> in the current directory when present (as the original Python proxy did), otherwise none.
    /// The named file is the user's own choice; <c>./.env</c> comes with the folder, so it is project-level.
    /// </summary>
    public static ConfigLayer? DotEnv(IReadOnlyDictionary<string, string> environment, string currentDirectory)
    {
        if (environment.TryGetValue(SettingNames.EnvFile, out var explicitPath) && !string.IsNullOrWhiteSpace(explicitPath))
        {
            var path = Path.GetFullPath(explicitPath, currentDirectory);
            if (!File.Exists(path))
                throw new ConfigurationException($"{SettingNames.EnvFile} (from {EnvironmentSource}): {path} does not exist");
            return ReadFile(path);
        }
        var local = Path.Combine(currentDirectory, ".env");
        return File.Exists(local) ? ReadFile(local) with { IsProjectLevel = true } : null;
    }

    /// <summary>A snapshot of the process environment.</summary>
    public static IReadOnlyDictionary<string, string> ProcessEnvironment()
    {
        var snapshot = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
            if (entry is { Key: string name, Value: string value }) snapshot[name] = value;
        return snapshot;
    }

    private static ConfigLayer ReadFile(string path)
    {
        var source = $".env ({path})";
        return new ConfigLayer(source, DotEnvParser.Parse(File.ReadAllText(path), source));
    }
}
