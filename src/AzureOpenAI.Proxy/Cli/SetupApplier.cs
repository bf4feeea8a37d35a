using System.Buffers.Text;
using System.Security.Cryptography;
using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Proxy.Daemon;

namespace AzureOpenAI.Proxy.Cli;

/// <summary>
/// What both setup modes do with the answers:
/// <code>
/// 1. config.env ← answers (+ a generated PROXY_AUTH_TOKEN if none), atomically, mode 0600
/// 2. settings.json env ← ANTHROPIC_BASE_URL, ANTHROPIC_AUTH_TOKEN (backup first; the replaced values are recorded)
/// 3. start the proxy, or restart it so it reads the new configuration
/// 4. test (separately: the wizard offers to retry it)
/// </code>
/// </summary>
internal sealed class SetupApplier(CliContext context)
{
    private const string TokenPrefix = "aop_";

    /// <summary>Steps 1–3. Returns an exit code; non-zero stops the setup.</summary>
    public async Task<int> ApplyAsync(SetupAnswers answers, CancellationToken cancellationToken)
    {
        var before = context.LoadConfiguration();
        var changes = answers.ToConfigEnv();
        if (before.Config.Get(SettingNames.ProxyAuthToken) is null) changes[SettingNames.ProxyAuthToken] = NewToken();
        context.Home.EnsureExists();
        ConfigEnvFile.Update(context.Home.ConfigEnv, changes);
        context.Out.WriteLine($"wrote {context.Home.ConfigEnv} (mode 0600){(changes.ContainsKey(SettingNames.ProxyAuthToken) ? ", with a new PROXY_AUTH_TOKEN" : "")}");

        var snapshot = context.LoadConfiguration();
        if (snapshot.Settings is not { } settings) return context.ReportInvalid(snapshot);
        WarnAboutOverrides(snapshot, changes.Keys);

        var routed = RouteClaudeCode(snapshot, settings);
        var controller = new DaemonController(context.Home, snapshot.Redactor);
        // The running daemon listens where the configuration before this setup said (or has a pid file saying where).
        var stopped = await controller.StopAsync(RunningDaemon.ExpectedUrl(before.Settings), cancellationToken).ConfigureAwait(false);
        if (!stopped.Succeeded) return DaemonReport.Print(context, stopped);
        var started = DaemonReport.Print(context, await controller.StartAsync(settings.Host, settings.Port, cancellationToken).ConfigureAwait(false));
        return started != ExitCodes.Success ? started : routed ? ExitCodes.Success : ExitCodes.Failure;
    }

    /// <summary>Step 4, through the proxy just started.</summary>
    public Task<int> TestAsync(CancellationToken cancellationToken) =>
        TestCommand.RunAsync(context, "middle", TimeSpan.FromSeconds(60), direct: false, cancellationToken);

    public void PrintRestartHint()
    {
        context.Out.WriteLine();
        context.Out.WriteLine("Restart Claude Code (quit it and run `claude` again): it reads ANTHROPIC_BASE_URL at startup.");
        context.Out.WriteLine($"Check any time with `{ProductInfo.Name} status`; undo the settings.json change with `{ProductInfo.Name} setup --remove`.");
    }

    private bool RouteClaudeCode(ConfigSnapshot snapshot, ProxySettings settings)
    {
        var url = HealthProbe.LocalUrl(settings.Host, settings.Port).AbsoluteUri.TrimEnd('/');
        var token = settings.ProxyAuthToken!;
        var file = context.ClaudeSettings;
        try
        {
            var merge = file.MergeRouting(url, token, snapshot.Redactor, DateTime.Now);
            var recorded = ClaudeRoutingRecord.Read(context.Home);
            var previous = recorded?.Previous
                ?? merge.Previous.ToDictionary(p => p.Key, p => p.Value == url || p.Value == token ? null : p.Value);
            new ClaudeRoutingRecord(
                new Dictionary<string, string> { [ClaudeSettingsFile.BaseUrlKey] = url, [ClaudeSettingsFile.AuthTokenKey] = token },
                previous).Write(context.Home);
            context.Out.WriteLine(merge.Changed
                ? $"routed Claude Code to {url} in {file.Path}{(merge.BackupPath is null ? " (new file)" : $" (backup: {merge.BackupPath})")}"
                : $"{file.Path} already routes Claude Code to {url}");
            return true;
        }
        catch (SettingsFileException e)
        {
            context.Error.WriteLine($"Claude Code is not routed to the proxy: {e.Message}");
            return false;
        }
        catch (IOException e)
        {
            context.Error.WriteLine($"Claude Code is not routed to the proxy: {file.Path}: {e.Message}");
            return false;
        }
    }

    /// <summary>The environment outranks config.env: say so when it hides what setup just wrote.</summary>
    private void WarnAboutOverrides(ConfigSnapshot snapshot, IEnumerable<string> written)
    {
        foreach (var name in written)
            if (snapshot.Config.Find(name) is { } value && !value.Source.StartsWith("config.env", StringComparison.Ordinal))
                context.Error.WriteLine($"note: {name} from {value.Source} overrides what setup wrote to config.env");
    }

    private static string NewToken() => TokenPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
