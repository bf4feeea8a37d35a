using System.Diagnostics;
using System.Text.Json.Nodes;
using AzureOpenAI.TestSupport.FakeUpstream;
using Xunit;

namespace AzureOpenAI.Proxy.Tests.Lifecycle;

/// <summary>
/// Non-interactive <c>setup</c> end to end against the strict fake upstream: config.env, settings.json, the daemon,
/// the test call through it, then status, env, config and <c>setup --remove</c> — and no secret anywhere it prints or
/// keeps a copy.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SetupEndToEndTests
{
    private const string Key = "azure-key-SECRET-0123456789abcdef0123";
    private const string UserSettings = """{"theme":"dark","env":{"KEEP_ME":"1"},"plugins":{"other":{"x":true}}}""";

    [Fact]
    public async Task NonInteractiveSetup_ConfiguresRoutesStartsAndTests_WithoutLeakingSecrets()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(new FakeUpstreamOptions { ApiKey = Key }, TestContext.Current.CancellationToken);
        await using var sandbox = new Sandbox();
        sandbox.Variables.Remove("PORT");
        Directory.CreateDirectory(Path.GetDirectoryName(sandbox.ClaudeSettings)!);
        await File.WriteAllTextAsync(sandbox.ClaudeSettings, UserSettings, TestContext.Current.CancellationToken);
        var runs = new List<CliRun>();

        var setup = await sandbox.RunAsync(
            ["setup", "--endpoint", fake.BaseUri.AbsoluteUri, "--api-key-stdin", "--api-version", "v1",
             "--big", "gpt-4.1", "--middle", "gpt-4o", "--small", "gpt-4o-mini", "--port", sandbox.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            stdin: Key + "\n");
        runs.Add(setup);

        Assert.True(setup.ExitCode == 0, setup.ToString());
        Assert.Contains($"reply       {FakeUpstreamServer.DefaultAnswer}", setup.Stdout, StringComparison.Ordinal);
        Assert.Contains($"path        through the proxy at http://127.0.0.1:{sandbox.Port}/", setup.Stdout, StringComparison.Ordinal);
        Assert.Contains("Restart Claude Code", setup.Stdout, StringComparison.Ordinal);

        var config = ReadConfigEnv(sandbox);
        Assert.Equal(fake.BaseUri.AbsoluteUri, config["OPENAI_BASE_URL"]);
        Assert.Equal(Key, config["OPENAI_API_KEY"]);
        Assert.Equal("v1", config["AZURE_API_VERSION"]);
        Assert.Equal(("gpt-4.1", "gpt-4o", "gpt-4o-mini"), (config["BIG_MODEL"], config["MIDDLE_MODEL"], config["SMALL_MODEL"]));
        var token = config["PROXY_AUTH_TOKEN"];
        Assert.True(token.Length >= 40, token);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(sandbox.ConfigEnv));

        var settings = JsonNode.Parse(await File.ReadAllTextAsync(sandbox.ClaudeSettings, TestContext.Current.CancellationToken))!;
        var expected = JsonNode.Parse(UserSettings)!;
        expected["env"]!["ANTHROPIC_BASE_URL"] = $"http://127.0.0.1:{sandbox.Port}";
        expected["env"]!["ANTHROPIC_AUTH_TOKEN"] = token;
        foreach (var (family, deployment, tier) in (ReadOnlySpan<(string, string, string)>)[("OPUS", "gpt-4.1", "opus"), ("SONNET", "gpt-4o", "sonnet"), ("HAIKU", "gpt-4o-mini", "haiku")])
        {
            expected["env"]![$"ANTHROPIC_DEFAULT_{family}_MODEL"] = deployment;
            expected["env"]![$"ANTHROPIC_DEFAULT_{family}_MODEL_NAME"] = $"{deployment} on Azure";
            expected["env"]![$"ANTHROPIC_DEFAULT_{family}_MODEL_DESCRIPTION"] = $"Azure deployment {deployment}, through the azure-openai proxy ({tier} tier)";
        }
        // Claude Code asks for no more output than the proxy reserves, and compacts before gpt-4o's 128k window.
        expected["env"]!["CLAUDE_CODE_MAX_OUTPUT_TOKENS"] = "16384";
        expected["env"]!["CLAUDE_CODE_AUTO_COMPACT_WINDOW"] = "128000";
        Assert.True(JsonNode.DeepEquals(expected, settings), settings.ToJsonString());
        var backup = Assert.Single(Directory.GetFiles(Path.GetDirectoryName(sandbox.ClaudeSettings)!, "settings.json.bak-*"));
        Assert.Equal(UserSettings, await File.ReadAllTextAsync(backup, TestContext.Current.CancellationToken));

        var status = await sandbox.RunAsync("status");
        runs.Add(status);
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("routed: ", status.Stdout, StringComparison.Ordinal);
        Assert.Contains("deployments   big=gpt-4.1 middle=gpt-4o small=gpt-4o-mini", status.Stdout, StringComparison.Ordinal);
        Assert.Contains("auth          key; clients must present PROXY_AUTH_TOKEN", status.Stdout, StringComparison.Ordinal);
        var json = await sandbox.RunAsync("status", "--json");
        runs.Add(json);
        var report = JsonNode.Parse(json.Stdout)!;
        Assert.Equal("running", (string?)report["state"]);
        Assert.Equal(sandbox.Port, (int)report["port"]!);
        Assert.True((bool)report["claudeCode"]!["routed"]!);

        runs.Add(await sandbox.RunAsync("config"));
        runs.Add(await sandbox.RunAsync("test"));
        var env = await sandbox.RunAsync("env");
        runs.Add(env);
        Assert.Equal(token, await EvalInShellAsync(env.Stdout, "ANTHROPIC_AUTH_TOKEN"));
        Assert.Equal($"http://127.0.0.1:{sandbox.Port}", await EvalInShellAsync(env.Stdout, "ANTHROPIC_BASE_URL"));

        foreach (var run in runs)
        {
            Assert.DoesNotContain(Key, run.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(token, run.Output, StringComparison.Ordinal);
        }
        var log = await File.ReadAllTextAsync(sandbox.LogFile, TestContext.Current.CancellationToken);
        Assert.NotEmpty(log);
        Assert.DoesNotContain(Key, log, StringComparison.Ordinal);
        Assert.DoesNotContain(token, log, StringComparison.Ordinal);

        var removed = await sandbox.RunAsync("setup", "--remove");
        Assert.True(removed.ExitCode == 0, removed.ToString());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(UserSettings), JsonNode.Parse(await File.ReadAllTextAsync(sandbox.ClaudeSettings, TestContext.Current.CancellationToken))));
        foreach (var copy in Directory.GetFiles(Path.GetDirectoryName(sandbox.ClaudeSettings)!, "settings.json.bak-*"))
        {
            var text = await File.ReadAllTextAsync(copy, TestContext.Current.CancellationToken);
            Assert.DoesNotContain(Key, text, StringComparison.Ordinal);
            Assert.DoesNotContain(token, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task NonInteractiveSetup_MissingValues_FailsNamingEachAndWritesNothing()
    {
        await using var sandbox = new Sandbox();

        var run = await sandbox.RunAsync(["setup", "--endpoint", "not a url", "--big", "gpt-4o"], stdin: "");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("OPENAI_BASE_URL (from setup): \"not a url\" is not an http(s) URL", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("OPENAI_API_KEY is required: pass the key on stdin with --api-key-stdin", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("MIDDLE_MODEL is required: pass --middle <deployment>", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("SMALL_MODEL is required: pass --small <deployment>", run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(sandbox.ConfigEnv));
        Assert.False(File.Exists(sandbox.ClaudeSettings));
    }

    [Fact]
    public async Task Setup_InvalidSettingsJson_IsLeftUntouchedAndReported()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(new FakeUpstreamOptions { ApiKey = Key }, TestContext.Current.CancellationToken);
        await using var sandbox = new Sandbox();
        Directory.CreateDirectory(Path.GetDirectoryName(sandbox.ClaudeSettings)!);
        const string Broken = "{ \"env\": { \"A\": 1, } }";
        await File.WriteAllTextAsync(sandbox.ClaudeSettings, Broken, TestContext.Current.CancellationToken);

        var run = await sandbox.RunAsync(
            ["setup", "--endpoint", fake.BaseUri.AbsoluteUri, "--api-key-stdin", "--api-version", "2024-10-21", "--big", "gpt-4o", "--middle", "gpt-4o", "--small", "gpt-4o"],
            stdin: Key);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains($"Claude Code is not routed to the proxy: {sandbox.ClaudeSettings} is not valid JSON", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(Broken, await File.ReadAllTextAsync(sandbox.ClaudeSettings, TestContext.Current.CancellationToken));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(sandbox.ClaudeSettings)!));
    }

    private static Dictionary<string, string> ReadConfigEnv(Sandbox sandbox) =>
        new(AzureOpenAI.Proxy.Configuration.DotEnvParser.Parse(File.ReadAllText(sandbox.ConfigEnv), "config.env"));

    /// <summary>What <c>eval "$(azure-openai env)"</c> sets <paramref name="variable"/> to, in a real shell.</summary>
    private static async Task<string> EvalInShellAsync(string exports, string variable)
    {
        var startInfo = new ProcessStartInfo("/bin/sh", ["-c", $"eval \"$1\"; printf %s \"${variable}\"", "sh", exports])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var shell = Process.Start(startInfo)!;
        var output = await shell.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await shell.WaitForExitAsync(TestContext.Current.CancellationToken);
        return output;
    }
}
