using System.CommandLine;
using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Proxy.Daemon;
using AzureOpenAI.Proxy.Server;
using Microsoft.AspNetCore.Builder;

namespace AzureOpenAI.Proxy.Cli;

/// <summary>
/// <c>serve [--port N] [--host H]</c>: runs the proxy in the foreground until Ctrl-C or SIGTERM.
/// An invalid setting stops it with one line on stderr and exit code 2; missing provider settings do not
/// (the proxy starts and every call explains what to set). Settings refused to project files get one warning line.
/// </summary>
internal static class ServeCommand
{
    private static readonly Option<int?> Port = new("--port") { Description = $"Port to listen on (default: PORT, else {SettingDefaults.Values[SettingNames.Port]}; 0 = any free port)" };
    private static readonly Option<string?> Host = new("--host") { Description = $"Address to listen on (default: HOST, else {SettingDefaults.Values[SettingNames.Host]})" };

    public static Command Create(CliEnvironment environment)
    {
        var command = new Command("serve", "Run the proxy in the foreground") { Port, Host };
        command.SetAction((parse, _) => RunAsync(environment, parse.GetValue(Port), parse.GetValue(Host)));
        return command;
    }

    private static async Task<int> RunAsync(CliEnvironment environment, int? port, string? host)
    {
        ProxySettings settings;
        EffectiveConfig config;
        try
        {
            config = EffectiveConfig.Merge(ConfigLayers.Standard(environment.Variables, environment.CurrentDirectory));
            settings = Load(config, port, host);
        }
        catch (ConfigurationException ex)
        {
            await environment.Error.WriteLineAsync($"{ProductInfo.Name}: {ex.Message}");
            return ExitCodes.InvalidConfiguration;
        }

        // Started by `start`: logs go to the rotating, redacting proxy.log (before Build, which captures the console).
        RotatingLogWriter.RedirectConsoleIfDaemon(SecretRedactor.For(settings));
        if (ProjectTrust.Warning(config.Refused) is { } warning) await Console.Error.WriteLineAsync($"{ProductInfo.Name}: {warning}");
        await using var app = ProxyApp.Build(settings);
        app.Lifetime.ApplicationStarted.Register(() =>
            DaemonProcess.RecordSelf(environment.Variables, HealthProbe.LocalUrl(settings.Host, settings.Port)));
        try
        {
            await app.RunAsync();
        }
        catch (IOException ex)
        {
            // Kestrel reports an address in use as an IOException before the host starts.
            await environment.Error.WriteLineAsync($"{ProductInfo.Name}: cannot listen on {settings.Host}:{settings.Port}: {ex.Message}");
            return ExitCodes.Failure;
        }
        return ExitCodes.Success;
    }

    private static ProxySettings Load(EffectiveConfig config, int? port, string? host)
    {
        var settings = ProxySettings.Load(config);
        if (port is { } p)
        {
            if (p is < 0 or > 65535) throw new ConfigurationException($"--port: {p} is out of range (0–65535)");
            settings = settings with { Port = p };
        }
        if (host is not null)
        {
            if (!SettingsReader.IsListenHost(host)) throw new ConfigurationException($"--host: \"{host}\" is not an IP address or localhost");
            settings = settings with { Host = host };
        }
        return settings;
    }
}
