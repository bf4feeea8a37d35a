using System.CommandLine;
using AzureOpenAI.Proxy.Configuration;
using Spectre.Console;

namespace AzureOpenAI.Proxy.Cli;

/// <summary>
/// <c>setup</c>: a wizard when stdin is a terminal and no value is given as a flag; otherwise non-interactive with
/// <c>--endpoint --api-key-stdin --api-version --big --middle --small --port --auth</c>. <c>--statusline</c> installs
/// the proxy's statusline (alone, or after the setup the values ask for). <c>--remove</c> takes back what setup added
/// to Claude Code's settings.json.
/// </summary>
internal static class SetupCommand
{
    private static readonly Option<string?> Endpoint = new("--endpoint") { Description = "Provider URL, e.g. https://<resource>.openai.azure.com" };
    private static readonly Option<bool> ApiKeyStdin = new("--api-key-stdin") { Description = "Read the API key from stdin (never from a flag: flags show in ps)" };
    private static readonly Option<string?> ApiVersion = new("--api-version") { Description = "Azure api-version (default v1 on Azure)" };
    private static readonly Option<string?> Big = new("--big") { Description = "Deployment for opus requests" };
    private static readonly Option<string?> Middle = new("--middle") { Description = "Deployment for sonnet requests" };
    private static readonly Option<string?> Small = new("--small") { Description = "Deployment for haiku requests" };
    private static readonly Option<int?> Port = new("--port") { Description = $"Port the proxy listens on (default {SettingDefaults.Values[SettingNames.Port]})" };
    private static readonly Option<string?> Auth = new("--auth") { Description = "key (default) or entra (Microsoft Entra ID)" };
    private static readonly Option<bool> Remove = new("--remove") { Description = "Take back what setup added to ~/.claude/settings.json" };
    private static readonly Option<bool> Statusline = new("--statusline") { Description = "Show the deployment, cache hit rate and Azure cost in Claude Code's statusline" };
    private static readonly Option<bool> ReplaceStatusline = new(SetupStatusline.ReplaceFlag) { Description = "With --statusline: replace a statusline you already have" };

    public static Command Create(CliEnvironment environment)
    {
        Auth.AcceptOnlyFromAmong("key", "entra");
        var command = new Command("setup", "Configure the provider, route Claude Code to the proxy, start it and test it")
        {
            Endpoint, ApiKeyStdin, ApiVersion, Big, Middle, Small, Port, Auth, Remove, Statusline, ReplaceStatusline,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var context = new CliContext(environment);
            if (parseResult.GetValue(Remove)) return Task.FromResult(SetupRemoval.Run(context));
            var answers = new SetupAnswers
            {
                Endpoint = parseResult.GetValue(Endpoint),
                ApiKey = parseResult.GetValue(ApiKeyStdin) ? Console.In.ReadToEnd().Trim() : null,
                ApiVersion = parseResult.GetValue(ApiVersion),
                BigModel = parseResult.GetValue(Big),
                MiddleModel = parseResult.GetValue(Middle),
                SmallModel = parseResult.GetValue(Small),
                Port = parseResult.GetValue(Port),
                Auth = parseResult.GetValue(Auth),
            };
            var replace = parseResult.GetValue(ReplaceStatusline);
            bool? statusline = parseResult.GetValue(Statusline) || replace ? replace : null;
            // --statusline alone installs the statusline only; with values, it follows the setup they ask for.
            if (statusline is { } replaceOnly && answers == new SetupAnswers()) return Task.FromResult(SetupStatusline.Install(context, replaceOnly));
            var interactive = !Console.IsInputRedirected && answers == new SetupAnswers();
            return interactive
                ? new SetupWizard(context, AnsiConsole.Console).RunAsync(cancellationToken)
                : RunNonInteractiveAsync(context, answers, statusline, cancellationToken);
        });
        return command;
    }

    /// <param name="statusline">Null: leave the statusline alone; otherwise install it, replacing the user's when true.</param>
    private static async Task<int> RunNonInteractiveAsync(CliContext context, SetupAnswers answers, bool? statusline, CancellationToken cancellationToken)
    {
        var current = context.LoadConfiguration().Config;
        answers = answers.WithDefaultApiVersion(current);
        if (answers.ApiKey is { Length: 0 })
        {
            context.Error.WriteLine("setup: --api-key-stdin was given but stdin was empty");
            return ExitCodes.InvalidConfiguration;
        }
        var problems = answers.Problems(current);
        if (problems.Count > 0)
        {
            foreach (var problem in problems) context.Error.WriteLine($"setup: {problem}");
            return ExitCodes.InvalidConfiguration;
        }
        var applier = new SetupApplier(context);
        var outcome = await applier.ApplyAsync(answers, cancellationToken).ConfigureAwait(false);
        if (!outcome.Applied) return outcome.ExitCode;
        var installed = statusline is { } replace ? SetupStatusline.Install(context, replace) : ExitCodes.Success;
        applier.PrintRestartHint();
        return outcome.ExitCode != ExitCodes.Success ? outcome.ExitCode : installed;
    }
}
