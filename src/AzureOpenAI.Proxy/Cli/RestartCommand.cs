using System.CommandLine;

namespace AzureOpenAI.Proxy.Cli;

/// <summary><c>restart</c>: <c>stop</c>, then <c>start</c> (which re-reads the configuration).</summary>
internal static class RestartCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var command = new Command("restart", "Stop the proxy if it runs, then start it with the current configuration");
        command.SetAction((parseResult, cancellationToken) => RunAsync(new CliContext(environment), cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        // Validate first: stopping a working proxy only to fail on a broken configuration would leave none.
        var snapshot = context.LoadConfiguration();
        if (snapshot.Settings is null) return context.ReportInvalid(snapshot);
        var stopped = await StopCommand.RunAsync(context, cancellationToken).ConfigureAwait(false);
        return stopped != ExitCodes.Success ? stopped : await StartCommand.RunAsync(context, cancellationToken).ConfigureAwait(false);
    }
}
