using System.CommandLine;
using AzureOpenAI.Proxy.Usage;
using Microsoft.Data.Sqlite;
using Spectre.Console;

namespace AzureOpenAI.Proxy.Cli;

/// <summary>
/// <c>usage [--since 7d] [--by day|deployment|session|agent|model] [--json]</c>: requests, tokens, cache hit rate and
/// cost in Azure prices, from <c>usage.db</c> in the data home (the daemon need not run).
/// </summary>
internal static class UsageCommand
{
    private const string DefaultSince = "7d";
    private const int RedirectedWidth = 120;

    private static readonly Option<string> Since = new("--since")
    {
        Description = $"Start of the period: {UsageSince.Help} (default {DefaultSince})",
        DefaultValueFactory = _ => DefaultSince,
    };

    private static readonly Option<UsageGrouping> By = new("--by")
    {
        Description = "Group by day (UTC), deployment, session, agent or model (default day)",
        DefaultValueFactory = _ => UsageGrouping.Day,
    };

    private static readonly Option<bool> Json = new("--json") { Description = "Machine-readable output" };

    public static Command Create(CliEnvironment environment)
    {
        var command = new Command("usage", "Show requests, tokens, cache hit rate and cost in Azure prices") { Since, By, Json };
        command.SetAction(parseResult =>
        {
            var context = new CliContext(environment);
            var sinceText = parseResult.GetValue(Since)!;
            if (UsageSince.Parse(sinceText, DateTimeOffset.UtcNow, out var problem) is not { } since)
            {
                context.Error.WriteLine($"usage: {problem}");
                return ExitCodes.InvalidConfiguration;
            }
            var store = UsageStore.InDataHome(context.Home.Directory);
            IReadOnlyList<UsageRecord> records;
            try
            {
                records = store.Exists ? store.ReadSince(since) : [];
            }
            catch (SqliteException e)
            {
                context.Error.WriteLine($"usage: cannot read {store.Path}: {e.Message}");
                return ExitCodes.Failure;
            }
            var report = UsageReport.Build(records, since, parseResult.GetValue(By));
            if (parseResult.GetValue(Json)) context.Out.Write(UsageReportJson.Write(report));
            else UsageReportTable.Write(Console(context.Out), report, sinceText);
            return ExitCodes.Success;
        });
        return command;
    }

    private static IAnsiConsole Console(TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        // Piped or captured, there is no terminal width to fit: use one wide enough for session ids.
        if (System.Console.IsOutputRedirected || output != System.Console.Out) console.Profile.Width = RedirectedWidth;
        return console;
    }
}
