namespace AzureOpenAI.Proxy.Cli;

/// <summary>
/// <c>slash VERB ARGS</c>: the front door of the <c>/azure-openai</c> command (commands/azure-openai.md). Claude Code
/// runs it through the Bash tool with no terminal, shows its output to the model, and aborts the command when it exits
/// non-zero, so it:
/// <list type="bullet">
/// <item>exits 0 always, and says in words when the verb failed;</item>
/// <item>prints everything on stdout, errors included, so the user sees why;</item>
/// <item>runs only the verbs that make sense in a session (no <c>serve</c>, which would block); anything else, or no
/// verb, gets the help text;</item>
/// <item>turns <c>setup</c> without values (the wizard needs a keyboard) into the exact commands to run instead.</item>
/// </list>
/// It takes its arguments raw, ahead of the parser, so that <c>--help</c> or an unknown option reaches the verb.
/// </summary>
internal static class SlashCommand
{
    public const string Name = "slash";

    private static readonly HashSet<string> Verbs = new(StringComparer.Ordinal)
    {
        "help", "setup", "start", "stop", "restart", "status", "test", "config", "version",
    };

    public static async Task<int> RunAsync(IReadOnlyList<string> arguments, CliEnvironment environment)
    {
        var output = environment.Out;
        var merged = PluginOptionsFallback.Apply(environment) with { Error = output };
        var verb = arguments.Count == 0 ? "help" : arguments[0];
        if (!Verbs.Contains(verb)) output.WriteLine($"Unknown verb `{verb}`.\n");
        if (verb == "help" || !Verbs.Contains(verb))
        {
            WriteHelp(output, environment);
            return ExitCodes.Success;
        }

        if (verb == "setup" && NeedsTerminal(arguments))
        {
            output.Write(SetupInstructions(environment));
            return ExitCodes.Success;
        }

        var exit = await ProxyCli.RunAsync([.. arguments], merged).ConfigureAwait(false);
        if (exit != ExitCodes.Success) output.WriteLine($"\n(`azure-openai {verb}` exited with status {exit}: {Meaning(verb, exit)})");
        return ExitCodes.Success;
    }

    /// <summary>The verbs a session can use, described by the verbs themselves so the list never drifts.</summary>
    private static void WriteHelp(TextWriter output, CliEnvironment environment)
    {
        var verbs = ProxyCli.CreateRoot(environment).Subcommands.Where(c => Verbs.Contains(c.Name)).ToList();
        var width = verbs.Max(c => c.Name.Length);
        output.WriteLine("usage: /azure-openai VERB [options]   (/azure-openai VERB --help for a verb's options)");
        output.WriteLine();
        foreach (var verb in verbs) output.WriteLine($"  {verb.Name.PadRight(width)}  {verb.Description}");
    }

    /// <summary>The wizard (no values given) and <c>--api-key-stdin</c> both need input that a slash command cannot give.</summary>
    private static bool NeedsTerminal(IReadOnlyList<string> arguments) =>
        arguments.Count == 1 || arguments.Contains("--api-key-stdin", StringComparer.Ordinal);

    private static string SetupInstructions(CliEnvironment environment)
    {
        var launcher = environment.Variables.GetValueOrDefault("AZURE_OPENAI_LAUNCHER") is { Length: > 0 } path ? $"\"{path}\"" : "azure-openai";
        return $$"""
            Setup asks for the endpoint, the API key and the deployments, and Claude Code gives this command no keyboard.
            Do one of these:

            1. In a terminal, run the wizard:

                 {{launcher}} setup

               It writes the configuration, routes Claude Code to the proxy (~/.claude/settings.json), starts the
               proxy and sends a test request.

            2. Or give the plugin its options (the key goes to Claude Code's secure storage), in Claude Code:

                 /plugin configure azure-openai@azure-openai-proxy

               or in a terminal, as one JSON object on stdin:

                 echo '{"baseUrl":"https://RESOURCE.openai.azure.com","apiKey":"…"}' | claude plugin configure azure-openai@azure-openai-proxy --values-stdin

               The next session's hook starts the proxy with them. Claude Code still has to be routed to it: add
               "ANTHROPIC_BASE_URL": "http://127.0.0.1:8082" (your proxyPort) and "ANTHROPIC_AUTH_TOKEN": "local"
               to the "env" block of ~/.claude/settings.json (any token: without setup the proxy asks for none).

            Then restart claude: it reads ANTHROPIC_BASE_URL when it starts.

            """;
    }

    private static string Meaning(string verb, int exit) => exit switch
    {
        ExitCodes.InvalidConfiguration => "the configuration is invalid or incomplete",
        ExitCodes.NotRunning when verb == "status" => "the proxy is not running",
        ExitCodes.PortInUse => "the port is in use by another program",
        _ => "it failed",
    };
}
