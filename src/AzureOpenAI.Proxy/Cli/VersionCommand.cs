using System.CommandLine;

namespace AzureOpenAI.Proxy.Cli;

/// <summary><c>version</c>: prints the product version.</summary>
internal static class VersionCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var command = new Command("version", "Print the version");
        command.SetAction(_ =>
        {
            environment.Out.WriteLine($"{ProductInfo.Name} {ProductInfo.Version}");
            return ExitCodes.Success;
        });
        return command;
    }
}
