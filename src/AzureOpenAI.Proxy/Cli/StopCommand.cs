using System.CommandLine;
using AzureOpenAI.Proxy.Daemon;

namespace AzureOpenAI.Proxy.Cli;

/// <summary><c>stop</c>: SIGTERM, up to 10 s for in-flight streams, then a kill. Stopping a stopped proxy succeeds.</summary>
internal static class StopCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var command = new Command("stop", "Stop the background proxy (graceful, then forced after 10 s)");
        command.SetAction((parseResult, cancellationToken) => RunAsync(new CliContext(environment), cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        var snapshot = context.LoadConfiguration();
        var controller = new DaemonController(context.Home, snapshot.Redactor);
        var stopped = await controller.StopAsync(RunningDaemon.ExpectedUrl(snapshot.Settings), cancellationToken).ConfigureAwait(false);
        return DaemonReport.Print(context, stopped);
    }
}
