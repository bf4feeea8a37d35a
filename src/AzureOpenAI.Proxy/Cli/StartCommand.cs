using System.CommandLine;
using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Proxy.Daemon;

namespace AzureOpenAI.Proxy.Cli;

/// <summary>
/// <c>start</c>: runs <c>serve</c> as a daemon and returns once <c>/health</c> answers, or says why it cannot. Settings
/// refused to project files get one warning line on stderr.
/// </summary>
internal static class StartCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var command = new Command("start", "Start the proxy in the background; returns when it answers");
        command.SetAction((parseResult, cancellationToken) => RunAsync(new CliContext(environment), cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        var snapshot = context.LoadConfiguration();
        if (snapshot.Settings is not { } settings) return context.ReportInvalid(snapshot);
        if (ProjectTrust.Warning(snapshot.Config.Refused) is { } warning) context.Error.WriteLine($"{ProductInfo.Name}: {warning}");
        var controller = new DaemonController(context.Home, snapshot.Redactor);
        var result = await controller.StartAsync(settings.Host, settings.Port, cancellationToken).ConfigureAwait(false);
        if (result.Outcome == DaemonOutcome.Started && settings.BaseUrl is null)
            context.Out.WriteLine("note: no provider is configured yet (OPENAI_BASE_URL): run `azure-openai setup`");
        return DaemonReport.Print(context, result);
    }
}
