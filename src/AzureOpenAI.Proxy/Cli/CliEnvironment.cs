using AzureOpenAI.Proxy.Configuration;

namespace AzureOpenAI.Proxy.Cli;

/// <summary>What a verb reads from the outside world, so that tests can run the real parser with their own environment.</summary>
internal sealed record CliEnvironment(
    IReadOnlyDictionary<string, string> Variables,
    string CurrentDirectory,
    TextWriter Out,
    TextWriter Error)
{
    public static CliEnvironment FromProcess() =>
        new(ConfigLayers.ProcessEnvironment(), Directory.GetCurrentDirectory(), Console.Out, Console.Error);
}
