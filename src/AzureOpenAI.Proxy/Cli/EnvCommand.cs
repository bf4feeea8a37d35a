using System.CommandLine;
using AzureOpenAI.Proxy.Configuration;

namespace AzureOpenAI.Proxy.Cli;

/// <summary>
/// <c>env</c>: the shell exports that route a manually started <c>claude</c> to the proxy, for
/// <c>eval "$(azure-openai env)"</c>. The token itself is never printed: the export reads it, at eval time, from where
/// the configuration keeps it, so the output is safe to show anywhere.
/// </summary>
internal static class EnvCommand
{
    // Claude Code needs some credential or it sends the claude.ai login to the proxy; without PROXY_AUTH_TOKEN any
    // value is accepted, so a fixed placeholder does.
    private const string OpenProxyPlaceholder = "azure-openai";

    public static Command Create(CliEnvironment environment)
    {
        var command = new Command("env", "Print the shell exports that route a manually started claude to the proxy");
        command.SetAction(parseResult =>
        {
            var context = new CliContext(environment);
            var snapshot = context.LoadConfiguration();
            if (snapshot.Settings is not { } settings) return context.ReportInvalid(snapshot);
            var url = Daemon.PidFile.Read(context.Home.PidFile) is { IsRunning: true } running
                ? running.BaseUrl
                : Daemon.HealthProbe.LocalUrl(settings.Host, settings.Port);
            context.Out.WriteLine($"# eval \"$({ProductInfo.Name} env)\" routes claude started from this shell to the proxy");
            context.Out.WriteLine($"export {ClaudeSettingsFile.BaseUrlKey}={ShellQuote(url.AbsoluteUri.TrimEnd('/'))}");
            var token = snapshot.Config.Find(SettingNames.ProxyAuthToken);
            if (TokenExpression(token) is { } expression) context.Out.WriteLine($"export {ClaudeSettingsFile.AuthTokenKey}={expression}");
            else context.Out.WriteLine($"# set {ClaudeSettingsFile.AuthTokenKey} to PROXY_AUTH_TOKEN (from {token!.Source}); it is not printed here");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>A shell expression that yields the token without containing it, or null when none can reach it.</summary>
    private static string? TokenExpression(ConfigValue? token)
    {
        if (token is null) return OpenProxyPlaceholder;
        if (token.Source == ConfigLayers.EnvironmentSource) return $"\"${SettingNames.ProxyAuthToken}\"";
        return DotEnvFileOf(token.Source) is { } file
            ? $"\"$(sed -n 's/^{SettingNames.ProxyAuthToken}=//p' {ShellQuote(file)} | tail -n 1 | tr -d '\\\"')\""
            : null;
    }

    /// <summary>The file of a .env-style layer, whose source ends with its path: <c>config.env (/home/u/.config/azure-openai/config.env)</c>.</summary>
    private static string? DotEnvFileOf(string source)
    {
        var open = source.LastIndexOf(" (", StringComparison.Ordinal);
        return open >= 0 && source.EndsWith(')') && source[(open + 2)..^1] is var path && Path.IsPathRooted(path)
            && path.EndsWith(".env", StringComparison.Ordinal) ? path : null;
    }

    public static string ShellQuote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
