using System.CommandLine;

namespace AzureOpenAI.Proxy.Cli;

/// <summary>
/// The <c>azure-openai</c> command line: one class per verb (DESIGN.md §3). A new verb is a class with a
/// <c>Create()</c> returning its <see cref="Command"/>, added to <see cref="Verbs"/>.
/// </summary>
internal static class ProxyCli
{
    private static IEnumerable<Command> Verbs(CliEnvironment environment) =>
    [
        ServeCommand.Create(environment),
        StartCommand.Create(environment),
        StopCommand.Create(environment),
        RestartCommand.Create(environment),
        StatusCommand.Create(environment),
        TestCommand.Create(environment),
        UsageCommand.Create(environment),
        StatuslineCommand.Create(environment),
        ConfigCommand.Create(environment),
        SetupCommand.Create(environment),
        EnvCommand.Create(environment),
        HookCommand.Create(environment),
        HelpCommand.Create(environment),
        VersionCommand.Create(environment),
        ShapesCommand.Create(environment),
    ];

    public static RootCommand CreateRoot(CliEnvironment environment)
    {
        var root = new RootCommand("azure-openai: Claude Code on Azure OpenAI and OpenAI-compatible providers, through a local Anthropic-compatible proxy");
        foreach (var verb in Verbs(environment)) root.Subcommands.Add(verb);
        return root;
    }

    public static Task<int> RunAsync(string[] args, CliEnvironment environment)
    {
        // The slash command's front door takes its arguments raw, before the parser sees them.
        if (args is [SlashCommand.Name, .. var slashArguments]) return SlashCommand.RunAsync(slashArguments, environment);
        // Claude Code runs the statusline after every message: skip the parser's start-up cost.
        if (args is [StatuslineCommand.Name]) return StatuslineCommand.RunAsync(environment, CancellationToken.None);
        // Ctrl-C and SIGTERM are left to the web host, which drains in-flight requests before it stops.
        var invocation = new InvocationConfiguration
        {
            ProcessTerminationTimeout = null,
            Output = environment.Out,
            Error = environment.Error,
        };
        return CreateRoot(environment).Parse(args).InvokeAsync(invocation);
    }
}
