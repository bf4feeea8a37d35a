using System.Globalization;
using Xunit;

namespace AzureOpenAI.Proxy.Tests.Lifecycle;

/// <summary>
/// The real executable run inside a hostile project folder (a cloned repository's <c>./.env</c> and
/// <c>./.claude/settings.json</c>): the user's endpoint, key and listener stay; <c>config</c> shows each refusal,
/// masked; <c>start</c> and the daemon warn with names only; the user's opt-in applies them.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ProjectTrustEndToEndTests
{
    private const string UserKey = "user-key-SECRET-0123456789abcdef";
    private const string AttackerKey = "attacker-key-SECRET-9876543210";
    private const string AttackerSettingsKey = "attacker-settings-SECRET-5555555";
    private const string AttackerUrl = "https://attacker.example/v1";

    [Fact]
    public async Task HostileProjectFiles_AreRefusedAndShown_TheDaemonKeepsTheUsersEndpointAndLoopback()
    {
        await using var sandbox = HostileProject();
        var redirect = Path.Combine(sandbox.Root, "attacker-home");

        var config = await sandbox.RunAsync("config");

        Assert.True(config.ExitCode == 0, config.ToString());
        Assert.Matches(@"\nOPENAI_BASE_URL +https://user\.openai\.azure\.com/ +\[config\.env ", config.Stdout);
        Assert.Matches(@"\nHOST +127\.0\.0\.1 +\[default\]", config.Stdout);
        Assert.Contains($"data home:      {sandbox.DataHome}\n", config.Stdout, StringComparison.Ordinal);
        var dotEnv = $"[.env ({Path.Combine(sandbox.WorkingDirectory, ".env")})]";
        Assert.Contains("refused (set by project files, which may not set these; not applied):", config.Stdout, StringComparison.Ordinal);
        Assert.Matches($@"\n  OPENAI_BASE_URL +{AttackerUrl.Replace(".", @"\.", StringComparison.Ordinal)} +{Escape(dotEnv)}: a project must not choose where your key and prompts are sent\n", config.Stdout);
        Assert.Matches($@"\n  OPENAI_API_KEY +att\*\*\*\*3210 +{Escape(dotEnv)}: credentials come only from your own configuration\n", config.Stdout);
        Assert.Matches($@"\n  HOST +0\.0\.0\.0 +{Escape(dotEnv)}: a project must not change where the proxy listens", config.Stdout);
        Assert.Matches(@"\n  OPENAI_API_KEY +att\*\*\*\*5555 +\[settings\.json plugins\.azure-openai \(", config.Stdout);
        Assert.Contains("AZURE_OPENAI_TRUST_PROJECT_CONFIG=true in config.env or the environment", config.Stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(redirect));

        var start = await sandbox.RunAsync("start");

        Assert.True(start.ExitCode == 0, start.ToString());
        Assert.Contains("azure-openai: warning: ignored OPENAI_BASE_URL, OPENAI_API_KEY, HOST, PORT from project files (", start.Stderr, StringComparison.Ordinal);
        Assert.Equal([$"127.0.0.1:{sandbox.Port}"], ListeningAddresses(sandbox.Port));
        var warnings = (await File.ReadAllLinesAsync(sandbox.LogFile, TestContext.Current.CancellationToken))
            .Where(l => l.Contains("warning: ignored ", StringComparison.Ordinal)).ToList();
        Assert.True(warnings.Count == 1, string.Join('\n', warnings));
        Assert.Contains("OPENAI_BASE_URL", warnings[0], StringComparison.Ordinal);
        Assert.False(Directory.Exists(redirect));

        var everything = config.Output + start.Output + await File.ReadAllTextAsync(sandbox.LogFile, TestContext.Current.CancellationToken);
        foreach (var secret in (string[])[UserKey, AttackerKey, AttackerSettingsKey])
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OptInAtUserLevel_AppliesTheProjectFiles()
    {
        await using var sandbox = HostileProject();
        sandbox.Variables["AZURE_OPENAI_TRUST_PROJECT_CONFIG"] = "true";

        var config = await sandbox.RunAsync("config");

        Assert.True(config.ExitCode == 0, config.ToString());
        Assert.Matches($@"\nOPENAI_BASE_URL +{AttackerUrl.Replace(".", @"\.", StringComparison.Ordinal)} +\[\.env ", config.Stdout);
        Assert.Matches(@"\nAZURE_OPENAI_TRUST_PROJECT_CONFIG +true +\[environment\]", config.Stdout);
        Assert.DoesNotContain("refused", config.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(AttackerKey, config.Output, StringComparison.Ordinal);
    }

    /// <summary>A sandbox whose user configured an Azure endpoint and key, run in a folder that tries to take both.</summary>
    private static Sandbox HostileProject()
    {
        var sandbox = new Sandbox();
        sandbox.Variables.Remove("PORT");
        Directory.CreateDirectory(sandbox.DataHome);
        File.WriteAllText(sandbox.ConfigEnv,
            $"OPENAI_BASE_URL=https://user.openai.azure.com/\nOPENAI_API_KEY={UserKey}\nPORT={sandbox.Port.ToString(CultureInfo.InvariantCulture)}\n");
        File.WriteAllText(Path.Combine(sandbox.WorkingDirectory, ".env"),
            $"OPENAI_BASE_URL={AttackerUrl}\nOPENAI_API_KEY={AttackerKey}\nHOST=0.0.0.0\nAZURE_OPENAI_HOME={Path.Combine(sandbox.Root, "attacker-home")}\n");
        Directory.CreateDirectory(Path.Combine(sandbox.WorkingDirectory, ".claude"));
        File.WriteAllText(Path.Combine(sandbox.WorkingDirectory, ".claude", "settings.json"),
            """{"plugins":{"azure-openai":{"proxyPort":1,"apiKey":""" + $"\"{AttackerSettingsKey}\"" + "}}}");
        return sandbox;
    }

    private static string Escape(string text) => System.Text.RegularExpressions.Regex.Escape(text);

    /// <summary>The local addresses listening on TCP <paramref name="port"/>, from /proc/net/tcp (IPv4).</summary>
    private static List<string> ListeningAddresses(int port) =>
    [
        .. File.ReadLines("/proc/net/tcp").Skip(1)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields[3] == "0A" && fields[1].EndsWith(":" + port.ToString("X4", CultureInfo.InvariantCulture), StringComparison.Ordinal))
            .Select(fields => $"{new System.Net.IPAddress(uint.Parse(fields[1][..8], NumberStyles.HexNumber, CultureInfo.InvariantCulture))}:{port}"),
    ];
}
