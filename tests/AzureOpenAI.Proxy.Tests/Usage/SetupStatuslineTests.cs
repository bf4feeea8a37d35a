using System.Text.Json.Nodes;
using AzureOpenAI.Proxy.Tests.Lifecycle;

namespace AzureOpenAI.Proxy.Tests.Usage;

/// <summary><c>setup --statusline</c> and <c>setup --remove</c>, the real executable on a temporary HOME's settings.json.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SetupStatuslineTests
{
    private const string Launcher = "/opt/plugins/azure openai/bin/azure-openai";
    private const string OurCommand = "'/opt/plugins/azure openai/bin/azure-openai' statusline";
    private const string UsersStatusLine = """{"type":"command","command":"~/.claude/my-line.sh","padding":1}""";

    [Fact]
    public async Task Install_MergesTheStatusLine_AndRemoveTakesItBack()
    {
        await using var sandbox = Sandboxed("""{"model":"opus","env":{"KEEP":"1"}}""");

        var installed = await sandbox.RunAsync("setup", "--statusline");

        Assert.True(installed.ExitCode == 0, installed.ToString());
        var settings = Settings(sandbox);
        Assert.Equal(OurCommand, (string?)settings["statusLine"]!["command"]);
        Assert.Equal("command", (string?)settings["statusLine"]!["type"]);
        Assert.Equal(10, (int?)settings["statusLine"]!["refreshInterval"]);
        Assert.Equal("opus", (string?)settings["model"]);
        Assert.Equal("1", (string?)settings["env"]!["KEEP"]);
        Assert.Single(Backups(sandbox));

        var again = await sandbox.RunAsync("setup", "--statusline");
        Assert.Contains("already shows the proxy's statusline", again.Stdout, StringComparison.Ordinal);

        var removed = await sandbox.RunAsync("setup", "--remove");

        Assert.True(removed.ExitCode == 0, removed.ToString());
        Assert.Contains("removed statusLine", removed.Stdout, StringComparison.Ordinal);
        Assert.Equal("""{"model":"opus","env":{"KEEP":"1"}}""", Settings(sandbox).ToJsonString());
    }

    [Fact]
    public async Task TheUsersStatusLine_IsKeptWithoutReplace_AndRestoredAfterReplaceAndRemove()
    {
        await using var sandbox = Sandboxed($$"""{"statusLine":{{UsersStatusLine}}}""");
        var before = File.ReadAllText(sandbox.ClaudeSettings);

        var refused = await sandbox.RunAsync("setup", "--statusline");

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("~/.claude/my-line.sh", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("--replace-statusline", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(sandbox.ClaudeSettings));

        var replaced = await sandbox.RunAsync("setup", "--statusline", "--replace-statusline");

        Assert.True(replaced.ExitCode == 0, replaced.ToString());
        Assert.Equal(OurCommand, (string?)Settings(sandbox)["statusLine"]!["command"]);
        Assert.Equal(before, File.ReadAllText(Assert.Single(Backups(sandbox))));

        var removed = await sandbox.RunAsync("setup", "--remove");

        Assert.Contains("restored statusLine to your own", removed.Stdout, StringComparison.Ordinal);
        Assert.Equal(UsersStatusLine, Settings(sandbox)["statusLine"]!.ToJsonString());
    }

    [Fact]
    public async Task OurLineFromBeforeTheRefreshInterval_GetsIt_AndAnIntervalTheUserSetIsKept()
    {
        await using var sandbox = Sandboxed($$$"""{"statusLine":{"type":"command","command":"{{{OurCommand}}}"}}""");

        var upgraded = await sandbox.RunAsync("setup", "--statusline");

        Assert.True(upgraded.ExitCode == 0, upgraded.ToString());
        Assert.Equal(10, (int?)Settings(sandbox)["statusLine"]!["refreshInterval"]);

        var settings = Settings(sandbox);
        settings["statusLine"]!["refreshInterval"] = 30;
        File.WriteAllText(sandbox.ClaudeSettings, settings.ToJsonString());
        var again = await sandbox.RunAsync("setup", "--statusline");

        Assert.Contains("already shows the proxy's statusline", again.Stdout, StringComparison.Ordinal);
        Assert.Equal(30, (int?)Settings(sandbox)["statusLine"]!["refreshInterval"]);
    }

    [Fact]
    public async Task AStatusLineChangedAfterSetup_IsNotSetupsToRemove()
    {
        await using var sandbox = Sandboxed("{}");
        await sandbox.RunAsync("setup", "--statusline");
        var settings = Settings(sandbox);
        settings["statusLine"] = JsonNode.Parse(UsersStatusLine);
        File.WriteAllText(sandbox.ClaudeSettings, settings.ToJsonString());

        var removed = await sandbox.RunAsync("setup", "--remove");

        Assert.True(removed.ExitCode == 0, removed.ToString());
        Assert.Contains("kept statusLine", removed.Stdout, StringComparison.Ordinal);
        Assert.Equal(UsersStatusLine, Settings(sandbox)["statusLine"]!.ToJsonString());
    }

    private static Sandbox Sandboxed(string settingsJson)
    {
        var sandbox = new Sandbox();
        sandbox.Variables["AZURE_OPENAI_LAUNCHER"] = Launcher;
        Directory.CreateDirectory(Path.GetDirectoryName(sandbox.ClaudeSettings)!);
        File.WriteAllText(sandbox.ClaudeSettings, settingsJson);
        return sandbox;
    }

    private static JsonObject Settings(Sandbox sandbox) => JsonNode.Parse(File.ReadAllText(sandbox.ClaudeSettings))!.AsObject();

    private static string[] Backups(Sandbox sandbox) =>
        Directory.GetFiles(Path.GetDirectoryName(sandbox.ClaudeSettings)!, "settings.json.bak-*");
}
