using System.Text.Json.Nodes;
using AzureOpenAI.Proxy.Tests.EndToEnd;
using AzureOpenAI.Proxy.Tests.Lifecycle;
using AzureOpenAI.TestSupport;
using AzureOpenAI.TestSupport.FakeUpstream;

namespace AzureOpenAI.Proxy.Tests.Plugin;

/// <summary>
/// The repository as a Claude Code plugin, driven by the real Claude Code CLI 2.1.328 (headless, throwaway HOME)
/// against the strict fake Azure upstream: install from the marketplace, autostart by the SessionStart hook, the
/// <c>/azure-openai</c> command, autoStart off, and the plugin validator.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class PluginTests
{
    private const string ApiKey = "sk-plugin-test-secret-key-7f3a9c2e51";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Task<FakeUpstreamServer> StartUpstreamAsync() =>
        FakeUpstreamServer.StartAsync(new FakeUpstreamOptions { ApiKey = ApiKey }, Token);

    [Fact]
    public async Task InstalledPlugin_SessionStartHookStartsTheProxy_AndABashToolRoundTripCompletes()
    {
        await using var upstream = await StartUpstreamAsync();
        await using var plugin = await InstalledPlugin.InstallAsync([], Token);
        await plugin.SetupAsync(upstream, Token);
        Assert.Equal(0, (await plugin.RunLauncherAsync(["stop"], null, Token)).ExitCode);
        Assert.Empty(plugin.Sandbox.ServerProcesses());

        var marker = Path.Combine(plugin.Sandbox.WorkingDirectory, "marker.txt");
        var arguments = new JsonObject { ["command"] = $"echo PLUGIN_TOOL_OK > {marker}", ["description"] = "Write the marker file" };
        upstream.Enqueue(FakeResponse.Stream(ChatSse.ToolCallAnswer("call_plugin_bash_1", "Bash", arguments.ToJsonString(), pieces: 4)));
        upstream.Enqueue(FakeResponse.Stream(ChatSse.TextAnswer("The marker file now holds PLUGIN_TOOL_OK.")));
        var before = upstream.Requests.Count;

        var run = await plugin.ClaudeAsync(["-p", "Write PLUGIN_TOOL_OK into marker.txt with the Bash tool.", "--allowedTools", "Bash"], Token);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("The marker file now holds PLUGIN_TOOL_OK.", run.Stdout, StringComparison.Ordinal);
        Assert.Equal("PLUGIN_TOOL_OK", (await File.ReadAllTextAsync(marker, Token)).Trim());
        Assert.Single(plugin.Sandbox.ServerProcesses());
        var session = upstream.Requests.Skip(before).ToList();
        Assert.All(session, r => Assert.Null(r.Rejection));
        // The hook's line reached the model as session context: it, and nothing else, started the proxy.
        Assert.Contains(session, r => r.RawBody.Contains("azure-openai proxy: started (pid", StringComparison.Ordinal));
        Assert.Contains(session, r => r.Body!["messages"]!.AsArray().Any(m => (string?)m!["tool_call_id"] == "call_plugin_bash_1"));
    }

    [Fact]
    public async Task SlashCommand_StatusShowsTheRunningProxy_ConfigMasksTheKey_AndTheKeyIsNeverShown()
    {
        await using var upstream = await StartUpstreamAsync();
        await using var plugin = await InstalledPlugin.InstallAsync([], Token);
        await plugin.SetupAsync(upstream, Token);
        var before = upstream.Requests.Count;

        var status = await plugin.ClaudeAsync(["-p", "/azure-openai status"], Token);
        var config = await plugin.ClaudeAsync(["-p", "/azure-openai config"], Token);

        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.True(config.ExitCode == 0, config.ToString());
        // What -p prints is the model's reply; the command's output is what the model (the fake) received.
        var received = string.Join('\n', upstream.Requests.Skip(before).Select(r => r.RawBody));
        Assert.Contains($"running (pid {plugin.Sandbox.DaemonPid()}", received, StringComparison.Ordinal);
        Assert.Contains("claude code   routed", received, StringComparison.Ordinal);
        Assert.Matches(@"OPENAI_API_KEY\s+sk-\*\*\*\*2e51", received);
        Assert.DoesNotContain(ApiKey, received, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, status.Stdout + status.Stderr + config.Stdout + config.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AutoStartOff_ASessionLeavesTheProxyStopped()
    {
        await using var upstream = await StartUpstreamAsync();
        await using var plugin = await InstalledPlugin.InstallAsync(["--config", "autoStart=false"], Token);
        await plugin.SetupAsync(upstream, Token);
        Assert.Equal(0, (await plugin.RunLauncherAsync(["stop"], null, Token)).ExitCode);
        // Nothing answers on the proxy's port now: one attempt, no retries with backoff.
        plugin.Sandbox.Variables["CLAUDE_CODE_MAX_RETRIES"] = "0";

        var run = await plugin.ClaudeAsync(["-p", "say hello"], Token);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Empty(plugin.Sandbox.ServerProcesses());
        Assert.Null(plugin.Sandbox.DaemonPid());
    }

    [Theory]
    [InlineData("--strict")]
    [InlineData("--strict", "--profile", "directory")]
    public async Task PluginValidator_PassesTheRepository(params string[] options)
    {
        await using var sandbox = new Sandbox();

        var run = await ClaudeCli.RunAsync(sandbox, null, null, ["plugin", "validate", .. options, RepositoryPaths.Root], Token);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Validation passed", run.Stdout, StringComparison.Ordinal);
    }
}
