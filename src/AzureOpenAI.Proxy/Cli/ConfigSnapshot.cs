using AzureOpenAI.Proxy.Configuration;

namespace AzureOpenAI.Proxy.Cli;

/// <summary>
/// The effective configuration as the verbs see it: every value with its source, the typed settings when they are
/// valid, and one line per problem (a layer that does not parse, or a value that does not validate).
/// </summary>
internal sealed record ConfigSnapshot(EffectiveConfig Config, ProxySettings? Settings, IReadOnlyList<ConfigProblem> Problems, SecretRedactor Redactor)
{
    public static ConfigSnapshot Load(IReadOnlyDictionary<string, string> environment, string currentDirectory)
    {
        var layerProblems = new List<ConfigurationException>();
        var config = EffectiveConfig.Merge(ConfigLayers.Standard(environment, currentDirectory, layerProblems));
        var redactor = new SecretRedactor(config.Values.Where(v => SettingNames.IsSecret(v.Key)).Select(v => v.Value.Value)
            .Concat(config.Refused.Where(r => SettingNames.IsSecret(r.Name)).Select(r => r.Value)));
        var problems = layerProblems.Select(p => new ConfigProblem(p.Message, "correct that line, or run `azure-openai setup` to rewrite config.env")).ToList();
        problems.AddRange(InvalidValues(config));
        ProxySettings? settings = null;
        if (problems.Count == 0)
        {
            try { settings = ProxySettings.Load(config); }
            catch (ConfigurationException e) { problems.Add(new ConfigProblem(e.Message, "run `azure-openai setup`")); }
        }
        return new ConfigSnapshot(config, settings, problems, redactor);
    }

    /// <summary>Validates each value on its own, so every invalid one is reported, not just the first.</summary>
    private static IEnumerable<ConfigProblem> InvalidValues(EffectiveConfig config)
    {
        foreach (var (name, value) in config.Values)
            if (Validate(name, value.Value, value.Source) is { } problem) yield return new ConfigProblem(problem, FixFor(name, value.Source));
    }

    /// <summary>The one-line problem with <paramref name="value"/> for <paramref name="name"/>, or null when it is valid.</summary>
    public static string? Validate(string name, string value, string source)
    {
        try
        {
            ProxySettings.Load(EffectiveConfig.Merge([new ConfigLayer(source, new Dictionary<string, string> { [name] = value })]));
            return null;
        }
        catch (ConfigurationException e)
        {
            return e.Message;
        }
    }

    private static string FixFor(string name, string source) => source switch
    {
        ConfigLayers.EnvironmentSource => $"correct or unset {name} in the environment that runs azure-openai",
        _ when source.StartsWith("config.env", StringComparison.Ordinal) => $"run `azure-openai setup`, or correct {name} in config.env",
        _ => $"correct {name} in {source}",
    };
}

/// <summary>One invalid value or unreadable source, with what to do about it.</summary>
internal sealed record ConfigProblem(string Message, string Fix)
{
    public override string ToString() => $"{Message}; fix: {Fix}";
}
