using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Proxy.Daemon;

namespace AzureOpenAI.Proxy.Cli;

/// <summary>
/// The SessionStart hook. Claude Code waits for it and adds its stdout to the session's context, so it is quick when
/// the proxy already runs, never blocks longer than <see cref="StartBound"/>, prints no secret, and exits 0 whatever
/// happens (a failing hook only shows the user an error and the session goes on without the proxy anyway).
/// <code>
/// running? ─yes─▶ "running …"
///    │ no
/// configuration invalid ─▶ "not started: …"      autoStart off ─▶ "stopped (autoStart off, from …)"
/// no endpoint yet ─▶ "not configured"           otherwise ─▶ start detached, wait ≤ 5 s for /health
/// then, when Claude Code's settings do not route to this proxy: a warning with the fix
/// </code>
/// </summary>
internal static class SessionStartHook
{
    public static readonly TimeSpan StartBound = TimeSpan.FromSeconds(5);

    private const string Prefix = "azure-openai proxy:";

    public static async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        var snapshot = context.LoadConfiguration();
        try
        {
            var (line, url) = await StatusLineAsync(context, snapshot, cancellationToken).ConfigureAwait(false);
            context.Out.WriteLine(snapshot.Redactor.Redact(line));
            if (url is not null && RoutingWarning(context, snapshot, url) is { } warning) context.Out.WriteLine(snapshot.Redactor.Redact(warning));
        }
#pragma warning disable CA1031 // The hook's contract is to exit 0 with a line of text, whatever went wrong.
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            context.Out.WriteLine(snapshot.Redactor.Redact($"{Prefix} the session-start check failed ({e.Message}); run /azure-openai status"));
        }
        return ExitCodes.Success;
    }

    /// <returns>The status line, and the proxy URL Claude Code should be routed to (null when that is unknown).</returns>
    private static async Task<(string Line, Uri? Url)> StatusLineAsync(CliContext context, ConfigSnapshot snapshot, CancellationToken cancellationToken)
    {
        var controller = new DaemonController(context.Home, snapshot.Redactor);
        if (controller.Running() is { } running)
            return (await HealthProbe.IsHealthyAsync(running.BaseUrl, TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false)
                ? $"{Prefix} running (pid {running.Pid}, {Url(running.BaseUrl)}){Describe(snapshot)}"
                : $"{Prefix} pid {running.Pid} runs but {Url(running.BaseUrl)}/health does not answer; run /azure-openai restart", running.BaseUrl);

        if (snapshot.Settings is not { } settings)
            return ($"{Prefix} not started: {snapshot.Problems[0]}. Run /azure-openai config", null);
        var url = HealthProbe.LocalUrl(settings.Host, settings.Port);
        var autoStart = AutoStartSetting.Resolve(context);
        if (!autoStart.Enabled)
            return ($"{Prefix} stopped (autoStart is off, from {autoStart.Source}); start it with /azure-openai start", url);
        if (settings.BaseUrl is null)
            return ($"{Prefix} not configured yet; run `azure-openai setup` in a terminal, or /azure-openai setup for the options", url);

        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(StartBound);
        try
        {
            var result = await controller.StartAsync(settings.Host, settings.Port, bound.Token).ConfigureAwait(false);
            return result.Outcome switch
            {
                DaemonOutcome.Started or DaemonOutcome.AlreadyRunning =>
                    ($"{Prefix} started (pid {result.Daemon!.Pid}, {Url(result.Daemon.BaseUrl)}){Describe(snapshot)}", url),
                _ => ($"{Prefix} could not start: {result.Message.ReplaceLineEndings(" ").Trim()}", url),
            };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ($"{Prefix} starting, but {Url(url)}/health did not answer within {StartBound.TotalSeconds:0} s; run /azure-openai status", url);
        }
    }

    /// <summary>" → azure host, opus→X sonnet→Y haiku→Z": what requests go to, with no secret.</summary>
    private static string Describe(ConfigSnapshot snapshot)
    {
        var provider = ProviderSummary.From(snapshot);
        return provider.EndpointHost is null
            ? "; no provider configured: run `azure-openai setup`"
            : $" → {provider.Provider} {provider.EndpointHost}, opus→{provider.BigModel ?? "?"} sonnet→{provider.MiddleModel ?? "?"} haiku→{provider.SmallModel ?? "?"}";
    }

    /// <summary>
    /// This session's own <c>ANTHROPIC_BASE_URL</c> (Claude Code hands its environment, settings.json <c>env</c>
    /// included, to the hook) tells best where it sends requests; without it, the user's settings.json is checked.
    /// </summary>
    private static string? RoutingWarning(CliContext context, ConfigSnapshot snapshot, Uri url)
    {
        var expected = Url(url);
        var token = snapshot.Settings?.ProxyAuthToken;
        string? problem;
        if (context.Variables.GetValueOrDefault(ClaudeSettingsFile.BaseUrlKey) is { Length: > 0 } sessionUrl)
        {
            problem = !string.Equals(sessionUrl.TrimEnd('/'), expected, StringComparison.OrdinalIgnoreCase)
                ? $"this session sends requests to {sessionUrl}, not to the proxy ({expected})"
                : token is not null && context.Variables.GetValueOrDefault(ClaudeSettingsFile.AuthTokenKey) != token
                    ? $"this session's {ClaudeSettingsFile.AuthTokenKey} is not the proxy's PROXY_AUTH_TOKEN"
                    : null;
        }
        else
        {
            var check = context.ClaudeSettings.CheckRouting(expected, token);
            problem = check.RoutesHere ? null : check.Explanation;
        }
        return problem is null ? null
            : $"azure-openai WARNING: Claude Code is not routed to the proxy: {problem}. Fix: run `azure-openai setup` in a terminal " +
              "(or /azure-openai setup for the options), then restart claude.";
    }

    private static string Url(Uri url) => url.AbsoluteUri.TrimEnd('/');
}
