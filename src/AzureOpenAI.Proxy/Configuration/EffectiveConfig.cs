namespace AzureOpenAI.Proxy.Configuration;

/// <summary>A setting's effective value and the layer it came from.</summary>
internal sealed record ConfigValue(string Value, string Source);

/// <summary>
/// The merge of <see cref="ConfigLayer"/>s, lowest to highest: a higher layer's value replaces a lower one's.
/// An empty value counts as unset (<c>OPENAI_API_KEY=</c> in the shell does not hide the <c>.env</c> key).
/// </summary>
internal sealed class EffectiveConfig
{
    private readonly Dictionary<string, ConfigValue> _values;

    private EffectiveConfig(Dictionary<string, ConfigValue> values) => _values = values;

    public IReadOnlyDictionary<string, ConfigValue> Values => _values;

    public static EffectiveConfig Merge(IEnumerable<ConfigLayer> layersLowestFirst)
    {
        var values = new Dictionary<string, ConfigValue>(StringComparer.Ordinal);
        foreach (var layer in layersLowestFirst)
            foreach (var (name, value) in layer.Values)
                if (SettingNames.All.Contains(name) && !string.IsNullOrWhiteSpace(value))
                    values[name] = new ConfigValue(value.Trim(), layer.Source);
        return new EffectiveConfig(values);
    }

    public ConfigValue? Find(string name) => _values.GetValueOrDefault(name);

    public string? Get(string name) => Find(name)?.Value;
}
