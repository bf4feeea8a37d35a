using System.CommandLine;
using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Proxy.Daemon;
using AzureOpenAI.Proxy.Usage;
using AzureOpenAI.Translation.Mapping;

namespace AzureOpenAI.Proxy.Cli;

/// <summary>
/// <c>statusline</c>: Claude Code's <c>statusLine</c> command. Reads its JSON on stdin, asks the running proxy for the
/// session's figures (<c>GET /azure-openai/session/{id}</c>) and prints one line (<see cref="StatuslineText"/>).
/// Claude Code runs it after every message, so it does the least it can: no System.CommandLine parse (ProxyCli's
/// front door calls <see cref="RunAsync"/> directly), one configuration read, a 40 ms connection budget, and the
/// "down" mark rather than a wait. It always exits 0: a failing statusline shows nothing at all.
/// </summary>
internal static class StatuslineCommand
{
    public const string Name = "statusline";
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromMilliseconds(40);
    // Connected, the proxy is up: waiting a little longer for its answer beats a false "down" on a busy machine.
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromMilliseconds(250);

    public static Command Create(CliEnvironment environment)
    {
        var command = new Command(Name, "One line for Claude Code's statusLine (JSON on stdin): deployment, context, cache hit rate, session cost");
        command.SetAction((_, cancellationToken) => RunAsync(environment, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(CliEnvironment environment, CancellationToken cancellationToken)
    {
        var input = StatuslineInput.Empty;
        SessionFigures? figures = null;
        string? localDeployment = null;
        try
        {
            // A terminal is not Claude Code: do not wait for input that never comes.
            if (Console.IsInputRedirected) input = StatuslineInput.Parse(await Console.In.ReadToEndAsync(cancellationToken).ConfigureAwait(false));
            var config = EffectiveConfig.Merge(ConfigLayers.Standard(environment.Variables, environment.CurrentDirectory, []));
            localDeployment = input.ModelId is { } model
                ? new ModelRouter(config.Get(SettingNames.BigModel), config.Get(SettingNames.MiddleModel), config.Get(SettingNames.SmallModel)).Route(model)
                : null;
            figures = await AskProxyAsync(environment, config, input, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Whatever went wrong, the line below still shows the context and the down mark.
        }
        environment.Out.WriteLine(StatuslineText.Line(input, figures, localDeployment));
        return ExitCodes.Success;
    }

    private static async Task<SessionFigures?> AskProxyAsync(CliEnvironment environment, EffectiveConfig config, StatuslineInput input,
        CancellationToken cancellationToken)
    {
        var home = DataHome.Resolve(name => environment.Variables.GetValueOrDefault(name));
        var baseUrl = PidFile.Read(home.PidFile)?.BaseUrl
            ?? HealthProbe.LocalUrl(config.Get(SettingNames.Host) ?? "127.0.0.1", int.Parse(config.Get(SettingNames.Port) ?? "8082", System.Globalization.CultureInfo.InvariantCulture));
        var path = $"/azure-openai/session/{Uri.EscapeDataString(input.SessionId ?? "-")}";
        if (input.ModelId is { } model) path += $"?model={Uri.EscapeDataString(model)}";

        return await SessionFiguresClient.GetAsync(baseUrl, path, config.Get(SettingNames.ProxyAuthToken), ConnectTimeout, AnswerTimeout,
            cancellationToken).ConfigureAwait(false);
    }
}
