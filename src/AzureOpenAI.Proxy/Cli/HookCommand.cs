using System.CommandLine;

namespace AzureOpenAI.Proxy.Cli;

/// <summary><c>hook session-start</c>: what the plugin's SessionStart hook runs (hooks/hooks.json).</summary>
internal static class HookCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var sessionStart = new Command("session-start", "Start the proxy if needed (detached) and print one line of status; always exits 0");
        sessionStart.SetAction((parseResult, cancellationToken) => SessionStartHook.RunAsync(new CliContext(environment), cancellationToken));
        return new Command("hook", "What the Claude Code plugin's hooks run") { Hidden = true, Subcommands = { sessionStart } };
    }
}
