using System.CommandLine;
using AzureOpenAI.Proxy.Configuration;

namespace AzureOpenAI.Proxy.Cli;

/// <summary>
/// <c>config</c>: every effective value with the layer it came from, secrets masked, then every value a project file
/// was refused (<see cref="ProjectTrust"/>) with its source and why, then every invalid value with its name, source
/// and fix. Exit 0 when the configuration is valid, 2 otherwise.
/// </summary>
internal static class ConfigCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var command = new Command("config", "Show the effective configuration with the source of each value (secrets masked)");
        command.SetAction(parseResult => Run(new CliContext(environment)));
        return command;
    }

    public static int Run(CliContext context)
    {
        var snapshot = context.LoadConfiguration();
        var output = context.Out;
        output.WriteLine($"data home:      {context.Home.Directory}");
        output.WriteLine($"Claude settings: {context.ClaudeSettings.Path}");
        if (snapshot.Settings is { } settings)
            output.WriteLine($"upstream auth:  {UpstreamCredential.Describe(settings.Credential)}");
        output.WriteLine();
        var names = SettingNames.All.Order(StringComparer.Ordinal).ToList();
        var width = names.Max(n => n.Length);
        foreach (var name in names)
        {
            var value = snapshot.Config.Find(name);
            var shown = value is null ? "(not set)" : Shown(snapshot, name, value.Value);
            output.WriteLine($"{name.PadRight(width)}  {shown}{(value is null ? "" : $"    [{value.Source}]")}");
        }
        if (snapshot.Config.Refused.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("refused (set by project files, which may not set these; not applied):");
            foreach (var refused in snapshot.Config.Refused)
                output.WriteLine($"  {refused.Name.PadRight(width)}  {Shown(snapshot, refused.Name, refused.Value)}    [{refused.Source}]: {refused.Reason}");
            output.WriteLine($"  {ProjectTrust.OptInHint}");
        }
        if (snapshot.Settings is not null)
        {
            output.WriteLine();
            output.WriteLine($"deployments:   {ProviderSummary.From(snapshot).DeploymentsLine}");
        }
        if (snapshot.Problems.Count == 0) return ExitCodes.Success;
        output.WriteLine();
        output.WriteLine("invalid:");
        foreach (var problem in snapshot.Problems) output.WriteLine($"  {snapshot.Redactor.Redact(problem.ToString())}");
        return ExitCodes.InvalidConfiguration;
    }

    private static string Shown(ConfigSnapshot snapshot, string name, string value) =>
        SettingNames.IsSecret(name) ? SecretMask.Mask(value) : snapshot.Redactor.Redact(value);
}
