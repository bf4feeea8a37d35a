using System.Buffers.Text;
using System.Security.Cryptography;
using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Proxy.Daemon;

namespace AzureOpenAI.Proxy.Cli;

/// <summary>
/// What both setup modes do with the answers, as one critical section under the data home's lock:
/// <code>
/// 1. config.env ← answers (+ a generated PROXY_AUTH_TOKEN if none), atomically, mode 0600
/// 2. settings.json env ← ANTHROPIC_BASE_URL, ANTHROPIC_AUTH_TOKEN (backup first; the replaced values are recorded)
/// 3. start the proxy, or restart it so it reads the new configuration
/// 4. test, through the proxy just started
/// </code>
/// Concurrent setups (and starts and stops) run one after another, so the token in config.env, the one in
/// settings.json and the daemon's are always the same, and each test reaches the daemon its own setup started.
/// The lock is taken once and handed to the daemon controller, whose start and stop would otherwise take it again.
/// </summary>
internal sealed class SetupApplier(CliContext context)
{
    private const string TokenPrefix = "aop_";

    // Behind a few other setups, each restarting the proxy and testing it: waiting is better than failing.
    private static readonly TimeSpan LockWait = TimeSpan.FromMinutes(2);

    /// <summary>Steps 1–4; <see cref="SetupOutcome.Applied"/> is false when a step before the test failed.</summary>
    public async Task<SetupOutcome> ApplyAsync(SetupAnswers answers, CancellationToken cancellationToken)
    {
        context.Home.EnsureExists();
        using var held = await LockAsync(cancellationToken).ConfigureAwait(false);
        if (held is null)
        {
            context.Error.WriteLine($"setup: another setup, start or stop held {context.Home.LockFile} for {LockWait.TotalMinutes:0} minutes; try again");
            return new SetupOutcome(false, ExitCodes.Failure);
        }
        var applied = await ApplyLockedAsync(answers, held, cancellationToken).ConfigureAwait(false);
        return applied != ExitCodes.Success
            ? new SetupOutcome(false, applied)
            : new SetupOutcome(true, await TestAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Step 4 alone; the wizard's retries run it outside the lock.</summary>
    public Task<int> TestAsync(CancellationToken cancellationToken) =>
        TestCommand.RunAsync(context, "middle", TimeSpan.FromSeconds(60), direct: false, cancellationToken);

    public void PrintRestartHint()
    {
        context.Out.WriteLine();
        context.Out.WriteLine("Restart Claude Code (quit it and run `claude` again): it reads ANTHROPIC_BASE_URL at startup.");
        context.Out.WriteLine($"Check any time with `{ProductInfo.Name} status`; undo the settings.json change with `{ProductInfo.Name} setup --remove`.");
    }

    private async Task<int> ApplyLockedAsync(SetupAnswers answers, DaemonLock held, CancellationToken cancellationToken)
    {
        var before = context.LoadConfiguration();
        var changes = answers.ToConfigEnv();
        if (before.Config.Get(SettingNames.ProxyAuthToken) is null) changes[SettingNames.ProxyAuthToken] = NewToken();
        ConfigEnvFile.Update(context.Home.ConfigEnv, changes);
        context.Out.WriteLine($"wrote {context.Home.ConfigEnv} (mode 0600){(changes.ContainsKey(SettingNames.ProxyAuthToken) ? ", with a new PROXY_AUTH_TOKEN" : "")}");

        var snapshot = context.LoadConfiguration();
        if (snapshot.Settings is not { } settings) return context.ReportInvalid(snapshot);
        WarnAboutOverrides(snapshot, changes.Keys);

        var routed = RouteClaudeCode(snapshot, settings);
        var controller = new DaemonController(context.Home, snapshot.Redactor, held);
        // The running daemon listens where the configuration before this setup said (or has a pid file saying where).
        var stopped = await controller.StopAsync(RunningDaemon.ExpectedUrl(before.Settings), cancellationToken).ConfigureAwait(false);
        if (!stopped.Succeeded) return DaemonReport.Print(context, stopped);
        var started = DaemonReport.Print(context, await controller.StartAsync(settings.Host, settings.Port, cancellationToken).ConfigureAwait(false));
        return started != ExitCodes.Success ? started : routed ? ExitCodes.Success : ExitCodes.Failure;
    }

    /// <summary>The data home's lock, saying so when another holder makes setup wait; null when it never came free.</summary>
    private async Task<DaemonLock?> LockAsync(CancellationToken cancellationToken)
    {
        if (await DaemonLock.AcquireAsync(context.Home.LockFile, TimeSpan.Zero, cancellationToken).ConfigureAwait(false) is { } free) return free;
        context.Error.WriteLine($"waiting for another setup, start or stop to finish (it holds {context.Home.LockFile})…");
        return await DaemonLock.AcquireAsync(context.Home.LockFile, LockWait, cancellationToken).ConfigureAwait(false);
    }

    private bool RouteClaudeCode(ConfigSnapshot snapshot, ProxySettings settings)
    {
        var url = HealthProbe.LocalUrl(settings.Host, settings.Port).AbsoluteUri.TrimEnd('/');
        var token = settings.ProxyAuthToken!;
        var file = context.ClaudeSettings;
        try
        {
            var picker = ClaudeModelPicker.Environment(settings);
            foreach (var (key, value) in ClaudeCodeLimits.Environment(settings)) picker[key] = value;
            var merge = file.MergeRouting(url, token, snapshot.Redactor, DateTime.Now, picker);
            var written = new Dictionary<string, string>(picker) { [ClaudeSettingsFile.BaseUrlKey] = url, [ClaudeSettingsFile.AuthTokenKey] = token };
            // The values from before the first setup are kept; a key this setup writes for the first time adds its own.
            var previous = new Dictionary<string, string?>(ClaudeRoutingRecord.Read(context.Home)?.Previous ?? new Dictionary<string, string?>());
            foreach (var (key, value) in merge.Previous) previous.TryAdd(key, value == written[key] ? null : value);
            new ClaudeRoutingRecord(written, previous).Write(context.Home);
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

/// <summary>What <see cref="SetupApplier.ApplyAsync"/> did: whether steps 1–3 succeeded, and the exit code of the whole.</summary>
internal readonly record struct SetupOutcome(bool Applied, int ExitCode);
