using AzureOpenAI.Proxy.Configuration;

namespace AzureOpenAI.Proxy.Cli;

/// <summary>What every management verb needs beyond <see cref="CliEnvironment"/>: the data home and the configuration.</summary>
internal sealed class CliContext(CliEnvironment environment)
{
    public TextWriter Out => environment.Out;
    public TextWriter Error => environment.Error;
    public IReadOnlyDictionary<string, string> Variables => environment.Variables;
    public string CurrentDirectory => environment.CurrentDirectory;
    public DataHome Home { get; } = DataHome.Resolve(name => environment.Variables.GetValueOrDefault(name));

    public ClaudeSettingsFile ClaudeSettings => ClaudeSettingsFile.ForUser(name => environment.Variables.GetValueOrDefault(name));

    /// <summary>Reads every layer; a broken layer or an invalid value becomes a problem line instead of an exception.</summary>
    public ConfigSnapshot LoadConfiguration() => ConfigSnapshot.Load(environment.Variables, environment.CurrentDirectory);

    /// <summary>Prints the problems of an unusable configuration and returns the matching exit code.</summary>
    public int ReportInvalid(ConfigSnapshot snapshot)
    {
        foreach (var problem in snapshot.Problems) Error.WriteLine($"{ProductInfo.Name}: {snapshot.Redactor.Redact(problem.ToString())}");
        Error.WriteLine("Run `azure-openai config` to see every value and its source, or `azure-openai setup` to fix them.");
        return ExitCodes.InvalidConfiguration;
    }
}
