namespace AzureOpenAI.Proxy.Configuration;

/// <summary>A setting's effective value and the layer it came from.</summary>
internal sealed record ConfigValue(string Value, string Source);

/// <summary>A value a project-level layer set but was not allowed to (<see cref="ProjectTrust"/>), and why.</summary>
internal sealed record RefusedSetting(string Name, string Value, string Source, string Reason);

/// <summary>
/// The merge of <see cref="ConfigLayer"/>s, lowest to highest: a higher layer's value replaces a lower one's.
/// An empty value counts as unset (<c>OPENAI_API_KEY=</c> in the shell does not hide the <c>.env</c> key).
/// What a project-level layer may not set is left out and listed in <see cref="Refused"/>, unless the user opted in.
/// </summary>
internal sealed class EffectiveConfig
{
    private readonly Dictionary<string, ConfigValue> _values;

    private EffectiveConfig(Dictionary<string, ConfigValue> values, IReadOnlyList<RefusedSetting> refused)
    {
        _values = values;
        Refused = refused;
    }

    public IReadOnlyDictionary<string, ConfigValue> Values => _values;

    /// <summary>Values of project-level layers that were dropped, in layer order.</summary>
    public IReadOnlyList<RefusedSetting> Refused { get; }

    public static EffectiveConfig Merge(IEnumerable<ConfigLayer> layersLowestFirst)
    {
        var layers = layersLowestFirst.ToList();
        var trustProject = ProjectTrust.OptedIn(layers);
        var values = new Dictionary<string, ConfigValue>(StringComparer.Ordinal);
        var refused = new List<RefusedSetting>();
        foreach (var layer in layers)
            foreach (var (name, value) in layer.Values)
            {
                if (!SettingNames.All.Contains(name) || string.IsNullOrWhiteSpace(value)) continue;
                if (layer.IsProjectLevel && !trustProject && ProjectTrust.RefusalReason(name) is { } reason)
                    refused.Add(new RefusedSetting(name, value.Trim(), layer.Source, reason));
                else
                    values[name] = new ConfigValue(value.Trim(), layer.Source);
            }
        return new EffectiveConfig(values, refused);
    }

    public ConfigValue? Find(string name) => _values.GetValueOrDefault(name);

    public string? Get(string name) => Find(name)?.Value;
}
