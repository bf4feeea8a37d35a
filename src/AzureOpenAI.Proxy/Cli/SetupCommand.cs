using System.CommandLine;
using AzureOpenAI.Proxy.Configuration;
using Spectre.Console;

namespace AzureOpenAI.Proxy.Cli;

/// <summary>
/// <c>setup</c>: a wizard when stdin is a terminal and no value is given as a flag; otherwise non-interactive with
/// <c>--endpoint --api-key-stdin --api-version --big --middle --small --port --auth</c>. <c>--statusline</c> installs
/// the proxy's statusline (alone, or after the setup the values ask for). <c>--remove</c> takes back what setup added
/// to Claude Code's settings.json. <c>--add-backend TIER</c> and <c>--remove-backend TIER:DEPLOYMENT</c> edit pools.json
/// instead (<see cref="SetupBackends"/>), with <c>--endpoint</c>, <c>--api-key-stdin</c>, <c>--api-version</c> and
/// <c>--auth</c> meaning the same for the backend.
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
    private static readonly Option<string?> AddBackend = new("--add-backend") { Description = "Add a backend to pools.json for this tier (big, middle or small); with --endpoint and --deployment" };
    private static readonly Option<string?> RemoveBackend = new("--remove-backend") { Description = "Remove a pools.json backend: TIER:DEPLOYMENT (add --endpoint when several match)" };
    private static readonly Option<string?> Deployment = new("--deployment") { Description = "With --add-backend: the deployment's name" };
    private static readonly Option<int?> Priority = new("--priority") { Description = "With --add-backend: 1 is tried first (PTU), then 2 (PAYG), … (default 1)" };
    private static readonly Option<int?> Weight = new("--weight") { Description = "With --add-backend: its share among backends of its priority (default 1)" };
    private static readonly Option<string?> DataZone = new("--data-zone") { Description = "With --add-backend: a data-zone label (us, eu); failover stays in the zone" };
    private static readonly Option<string[]> Header = new("--header") { Description = "With --add-backend: a static header, NAME=VALUE, or NAME alone to read its value from stdin (repeatable)" };
    private static readonly Option<string?> Spillover = new("--spillover-deployment") { Description = "With --add-backend: Azure's standard deployment taking this provisioned one's overflow" };

    public static Command Create(CliEnvironment environment)
    {
        Auth.AcceptOnlyFromAmong("key", "entra");
        var command = new Command("setup", "Configure the provider, route Claude Code to the proxy, start it and test it")
        {
            Endpoint, ApiKeyStdin, ApiVersion, Big, Middle, Small, Port, Auth, Remove, Statusline, ReplaceStatusline,
            AddBackend, RemoveBackend, Deployment, Priority, Weight, DataZone, Header, Spillover,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var context = new CliContext(environment);
            if (parseResult.GetValue(AddBackend) is not null || parseResult.GetValue(RemoveBackend) is not null)
                return Task.FromResult(RunBackend(context, parseResult));
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

    private static int RunBackend(CliContext context, ParseResult parseResult)
    {
        Option[] others = [Big, Middle, Small, Port, Remove, Statusline, ReplaceStatusline, parseResult.GetValue(AddBackend) is null ? AddBackend : RemoveBackend];
        if (others.FirstOrDefault(o => parseResult.GetResult(o) is { Implicit: false }) is { } other)
        {
            context.Error.WriteLine($"setup: --add-backend and --remove-backend take one backend each, without {other.Name}");
            return ExitCodes.InvalidConfiguration;
        }
        if (parseResult.GetValue(RemoveBackend) is { } removal) return SetupBackends.Remove(context, removal, parseResult.GetValue(Endpoint));
        return SetupBackends.Add(context, new BackendFlags
        {
            Tier = parseResult.GetValue(AddBackend)!,
            Endpoint = parseResult.GetValue(Endpoint),
            Deployment = parseResult.GetValue(Deployment),
            ApiVersion = parseResult.GetValue(ApiVersion),
            Auth = parseResult.GetValue(Auth),
            ApiKeyStdin = parseResult.GetValue(ApiKeyStdin),
            Priority = parseResult.GetValue(Priority),
            Weight = parseResult.GetValue(Weight),
            DataZone = parseResult.GetValue(DataZone),
            SpilloverDeployment = parseResult.GetValue(Spillover),
            Headers = parseResult.GetValue(Header) ?? [],
        }, Console.In);
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
