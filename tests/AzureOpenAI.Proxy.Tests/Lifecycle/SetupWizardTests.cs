using System.Text.Json.Nodes;
using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.TestSupport.FakeUpstream;
using Xunit;

namespace AzureOpenAI.Proxy.Tests.Lifecycle;

/// <summary>The interactive <c>setup</c> wizard in a real terminal (tmux), answering each prompt as a user would.</summary>
public sealed class SetupWizardTests
{
    private const string Key = "wizard-key-SECRET-0123456789abcdef";
    private const string StatuslineQuestion = "Show the proxy's statusline in Claude Code";
    private const string UsersStatusLine = """{"type":"command","command":"~/bin/my-line.sh"}""";

    [Fact]
    public async Task Wizard_AnsweringEachPrompt_ConfiguresStartsAndTests()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(new FakeUpstreamOptions { ApiKey = Key }, TestContext.Current.CancellationToken);
        await using var sandbox = new Sandbox();
        // A loopback endpoint is not an Azure host: PROVIDER=azure makes the wizard ask for the api-version.
        sandbox.Variables["PROVIDER"] = "azure";
        using var terminal = TmuxTerminal.Start(sandbox, "setup");

        await terminal.WaitForAsync("Endpoint URL");
        terminal.Type("not a url");
        await terminal.WaitForAsync("is not an http(s) URL");
        terminal.Type(fake.BaseUri.AbsoluteUri);

        var choices = await terminal.WaitForAsync("How should the proxy sign in to Azure?");
        Assert.Contains("Microsoft Entra ID", choices, StringComparison.Ordinal);
        terminal.Press("Enter");
        await terminal.WaitForAsync("API key");
        terminal.Type(Key);

        var screen = await terminal.WaitForAsync("API version");
        Assert.Contains("(v1)", screen, StringComparison.Ordinal);
        terminal.Type("");

        await terminal.WaitForAsync("(BIG_MODEL)");
        terminal.Type("gpt-4.1");
        await terminal.WaitForAsync("(MIDDLE_MODEL)");
        terminal.Type("gpt-4o");
        screen = await terminal.WaitForAsync("(SMALL_MODEL)");
        Assert.Contains("(gpt-4o)", screen[screen.LastIndexOf("(SMALL_MODEL)", StringComparison.Ordinal)..], StringComparison.Ordinal);
        terminal.Type("gpt-4o-mini");

        // No statusline yet: the offer defaults to yes. The default ends the prompt, so the whole question is on screen.
        screen = await terminal.WaitForAsync("[y/n] (y)");
        Assert.Contains(StatuslineQuestion, screen, StringComparison.Ordinal);
        terminal.Type("");

        screen = await terminal.WaitForAsync("EXIT=");
        Assert.Contains("EXIT=0", screen, StringComparison.Ordinal);
        Assert.Contains("installed the statusline", screen, StringComparison.Ordinal);
        Assert.Contains($"reply       {FakeUpstreamServer.DefaultAnswer}", screen, StringComparison.Ordinal);
        Assert.Contains("Restart Claude Code", screen, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, screen, StringComparison.Ordinal);

        var config = DotEnvParser.Parse(await File.ReadAllTextAsync(sandbox.ConfigEnv, TestContext.Current.CancellationToken), "config.env");
        Assert.Equal(fake.BaseUri.AbsoluteUri, config["OPENAI_BASE_URL"]);
        Assert.Equal(Key, config["OPENAI_API_KEY"]);
        Assert.Equal("v1", config["AZURE_API_VERSION"]);
        Assert.Equal(("gpt-4.1", "gpt-4o", "gpt-4o-mini"), (config["BIG_MODEL"], config["MIDDLE_MODEL"], config["SMALL_MODEL"]));
        var settings = JsonNode.Parse(await File.ReadAllTextAsync(sandbox.ClaudeSettings, TestContext.Current.CancellationToken))!;
        Assert.Equal(config["PROXY_AUTH_TOKEN"], (string?)settings["env"]!["ANTHROPIC_AUTH_TOKEN"]);
        Assert.EndsWith(" statusline", (string?)settings["statusLine"]!["command"], StringComparison.Ordinal);
        Assert.Equal(0, (await sandbox.RunAsync("status")).ExitCode);
    }

    [Fact]
    public async Task Wizard_Rerun_EnterKeepsTheCurrentKey_AFailedTestOffersRetryAndKeepGoing_AndTheUsersStatuslineStays()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(new FakeUpstreamOptions { ApiKey = Key }, TestContext.Current.CancellationToken);
        await using var sandbox = new Sandbox();
        Directory.CreateDirectory(sandbox.DataHome);
        await File.WriteAllTextAsync(sandbox.ConfigEnv,
            $"OPENAI_BASE_URL={fake.BaseUri.AbsoluteUri}\nOPENAI_API_KEY={Key}\nAZURE_API_VERSION=v1\nBIG_MODEL=gpt-4o\nMIDDLE_MODEL=gpt-4o\nSMALL_MODEL=gpt-4o\n",
            TestContext.Current.CancellationToken);
        Directory.CreateDirectory(Path.GetDirectoryName(sandbox.ClaudeSettings)!);
        await File.WriteAllTextAsync(sandbox.ClaudeSettings, $$"""{"statusLine":{{UsersStatusLine}}}""", TestContext.Current.CancellationToken);
        using var terminal = TmuxTerminal.Start(sandbox, "setup");

        await terminal.WaitForAsync("Endpoint URL");
        terminal.Type("");
        await terminal.WaitForAsync("How should the proxy sign in to Azure?");
        terminal.Press("Enter");
        // "API key" is also one of the sign-in choices, so wait for the key prompt's own text.
        var screen = await terminal.WaitForAsync("(Enter keeps");
        Assert.Contains($"Enter keeps {SecretMask.Mask(Key)}", screen, StringComparison.Ordinal);
        terminal.Type("");
        await terminal.WaitForAsync("API version");
        terminal.Type("");
        await terminal.WaitForAsync("(BIG_MODEL)");
        terminal.Type("");
        await terminal.WaitForAsync("(MIDDLE_MODEL)");
        terminal.Type("no-such-deployment");
        await terminal.WaitForAsync("(SMALL_MODEL)");
        terminal.Type("");

        screen = await terminal.WaitForAsync("What now?");
        Assert.Contains("deployment \"no-such-deployment\" was not found", screen, StringComparison.Ordinal);
        terminal.Press("Enter");
        await terminal.WaitForAsync("test failed: deployment \"no-such-deployment\"", occurrences: 2);
        await terminal.WaitForAsync("What now?");
        terminal.Press("Down", "Down", "Enter");

        // The user's statusline is named, and Enter keeps it: only an explicit yes replaces it.
        screen = await terminal.WaitForAsync("[y/n] (n)");
        var offer = screen[screen.LastIndexOf(StatuslineQuestion, StringComparison.Ordinal)..];
        Assert.Contains("It replaces yours, ~/bin/my-line.sh", offer, StringComparison.Ordinal);
        terminal.Type("");

        screen = await terminal.WaitForAsync("EXIT=");
        Assert.Contains("EXIT=1", screen, StringComparison.Ordinal);
        Assert.DoesNotContain("installed the statusline", screen, StringComparison.Ordinal);
        Assert.Equal(UsersStatusLine, JsonNode.Parse(await File.ReadAllTextAsync(sandbox.ClaudeSettings, TestContext.Current.CancellationToken))!["statusLine"]!.ToJsonString());
        Assert.Contains("Restart Claude Code", screen, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, screen, StringComparison.Ordinal);
        Assert.Equal(Key, DotEnvParser.Parse(await File.ReadAllTextAsync(sandbox.ConfigEnv, TestContext.Current.CancellationToken), "config.env")["OPENAI_API_KEY"]);
    }
}
