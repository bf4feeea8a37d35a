using System.Text.Json.Nodes;
using AzureOpenAI.Proxy.Tests.Lifecycle;

namespace AzureOpenAI.Proxy.Tests.EndToEnd;

/// <summary>
/// The real Claude Code CLI in interactive mode, in a tmux terminal: the only mode that renders the statusline. It runs
/// as the sandbox's settings.json routes it, with a <c>~/.claude.json</c> that lets the session open at the prompt.
/// </summary>
public static class InteractiveClaude
{
    public static TmuxTerminal Start(Sandbox sandbox)
    {
        ClaudeCli.EnsureInstalled();
        SkipFirstRunDialogs(sandbox);
        var variables = new Dictionary<string, string>(sandbox.Variables);
        foreach (var (name, value) in ClaudeCli.OfflineVariables) variables[name] = value;
        return TmuxTerminal.Run(sandbox, variables, [ClaudeCli.Executable]);
    }

    /// <summary>
    /// Without <c>hasCompletedOnboarding</c> the CLI opens on the theme picker and the login screen (which calls
    /// Anthropic); without <c>hasTrustDialogAccepted</c> for the working folder it asks whether to trust it first.
    /// A key in <c>ANTHROPIC_AUTH_TOKEN</c> (what setup writes) needs no approval, unlike <c>ANTHROPIC_API_KEY</c>.
    /// </summary>
    private static void SkipFirstRunDialogs(Sandbox sandbox)
    {
        var state = new JsonObject
        {
            ["hasCompletedOnboarding"] = true,
            ["theme"] = "dark",
            ["projects"] = new JsonObject { [sandbox.WorkingDirectory] = new JsonObject { ["hasTrustDialogAccepted"] = true } },
        };
        File.WriteAllText(Path.Combine(sandbox.Home, ".claude.json"), state.ToJsonString());
    }
}
