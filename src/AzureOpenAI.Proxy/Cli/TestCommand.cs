using System.CommandLine;
using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Proxy.Daemon;
using AzureOpenAI.Proxy.Upstream;

namespace AzureOpenAI.Proxy.Cli;

/// <summary>
/// <c>test</c>: one minimal real request, through the running proxy or, when it is not running, straight to the
/// provider. Prints the deployment, the latency and the reply, or the cause of the failure in words (exit 1).
/// With pools.json, every backend of it is tested too, one line each (<see cref="BackendsProbe"/>); a tier the file
/// names is tested only there.
/// </summary>
internal static class TestCommand
{
    private static readonly Option<string> Tier = new("--model")
    {
        Description = "Which deployment to call: big, middle or small",
        DefaultValueFactory = _ => "middle",
    };

    private static readonly Option<int> TimeoutSeconds = new("--timeout")
    {
        Description = "Seconds to wait for the answer",
        DefaultValueFactory = _ => 60,
    };

    private static readonly Option<bool> Direct = new("--direct") { Description = "Call the provider directly even when the proxy runs" };

    public static Command Create(CliEnvironment environment)
    {
        Tier.AcceptOnlyFromAmong("big", "middle", "small");
        var command = new Command("test", "Send one minimal request and show the deployment, latency and reply (or why it failed)")
        {
            Tier, TimeoutSeconds, Direct,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(new CliContext(environment), parseResult.GetValue(Tier)!,
            TimeSpan.FromSeconds(Math.Max(1, parseResult.GetValue(TimeoutSeconds))), parseResult.GetValue(Direct), cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(CliContext context, string tier, TimeSpan timeout, bool direct, CancellationToken cancellationToken)
    {
        var snapshot = context.LoadConfiguration();
        if (snapshot.Settings is not { } settings) return context.ReportInvalid(snapshot);
        var exitCode = settings.Pools?.Find(tier) is null
            ? await TestTierAsync(context, snapshot, settings, tier, timeout, direct, cancellationToken).ConfigureAwait(false)
            : ExitCodes.Success;
        if (settings.Pools is { } pools && !await BackendsProbe.RunAsync(context, settings, pools, timeout, cancellationToken).ConfigureAwait(false)
            && exitCode == ExitCodes.Success)
        {
            context.Error.WriteLine("test failed: a pools.json backend did not answer (see its line)");
            exitCode = ExitCodes.Failure;
        }
        return exitCode;
    }

    /// <summary>The tier's single deployment: through the running proxy, or directly.</summary>
    private static async Task<int> TestTierAsync(CliContext context, ConfigSnapshot snapshot, ProxySettings settings, string tier, TimeSpan timeout,
        bool direct, CancellationToken cancellationToken)
    {
        var (deployment, variable, claudeModel) = tier switch
        {
            "big" => (settings.BigModel, SettingNames.BigModel, "claude-opus-4-1"),
            "small" => (settings.SmallModel, SettingNames.SmallModel, "claude-haiku-4-5"),
            _ => (settings.MiddleModel, SettingNames.MiddleModel, "claude-sonnet-4-5"),
        };
        if (ProviderSetup.MissingEndpoint(settings) is { } missing) return Fail(context, missing, ExitCodes.InvalidConfiguration);
        if (deployment is null) return Fail(context, $"{variable} is not set: run `azure-openai setup`", ExitCodes.InvalidConfiguration);

        var running = direct ? null : PidFile.Read(context.Home.PidFile) is { IsRunning: true } daemon ? daemon : null;
        var target = new ProbeTarget(settings.BaseUrl!.Authority, deployment, variable,
            settings.Provider == ProviderKind.Azure ? settings.EffectiveAzureApiVersion : null, timeout, ThroughProxy: running is not null,
            UsesEntra: UpstreamCredential.IsEntra(UpstreamCredential.Resolve(settings)));
        var path = running is null ? $"directly to {target.Host} (the proxy is not running)" : $"through the proxy at {running.BaseUrl}";
        context.Out.WriteLine($"deployment  {deployment} ({tier}, {variable})");
        context.Out.WriteLine($"path        {path}");

        var result = running is null
            ? await ProviderProbe.RunAsync(settings, ProviderProfile.From(settings)!, deployment, timeout, cancellationToken).ConfigureAwait(false)
            : await ProxyProbe.RunAsync(running.BaseUrl, settings.ProxyAuthToken, claudeModel, timeout, cancellationToken).ConfigureAwait(false);
        context.Out.WriteLine($"latency     {result.Latency.TotalMilliseconds:0} ms");
        if (result.Failure is { } failure)
            return Fail(context, snapshot.Redactor.Redact(FailureExplainer.Explain(failure, target)), ExitCodes.Failure);
        context.Out.WriteLine($"reply       {snapshot.Redactor.Redact(OneLine(result.Reply!))}");
        return ExitCodes.Success;
    }

    private static int Fail(CliContext context, string reason, int exitCode)
    {
        context.Error.WriteLine($"test failed: {reason}");
        return exitCode;
    }

    private static string OneLine(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length <= 200 ? line : line[..200] + "…";
    }
}
