using System.CommandLine;

namespace AzureOpenAI.Proxy.Cli;

/// <summary><c>help</c>: one line per verb, taken from the verbs' own descriptions so the list never drifts.</summary>
internal static class HelpCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var command = new Command("help", "List the verbs");
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var verbs = parseResult.RootCommandResult.Command.Subcommands.Where(c => !c.Hidden).ToList();
            var width = verbs.Max(c => c.Name.Length);
            output.WriteLine($"usage: {ProductInfo.Name} VERB [options]   ({ProductInfo.Name} VERB --help for a verb's options)");
            output.WriteLine();
            foreach (var verb in verbs) output.WriteLine($"  {verb.Name.PadRight(width)}  {verb.Description}");
            return ExitCodes.Success;
        });
        return command;
    }
}
