using Xunit;

namespace AzureOpenAI.Proxy.Tests.Lifecycle;

public sealed class EnvAndHelpVerbTests
{
    [Fact]
    public async Task Env_TokenFromTheEnvironment_ExportsAReferenceNotTheValue()
    {
        await using var sandbox = new Sandbox();
        sandbox.Variables["PROXY_AUTH_TOKEN"] = "env-token-0123456789abcdefghij";

        var run = await sandbox.RunAsync("env");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"export ANTHROPIC_BASE_URL='http://127.0.0.1:{sandbox.Port}'", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("export ANTHROPIC_AUTH_TOKEN=\"$PROXY_AUTH_TOKEN\"", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("env-token-0123456789abcdefghij", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Env_WithoutAToken_ExportsAPlaceholderCredential()
    {
        await using var sandbox = new Sandbox();

        var run = await sandbox.RunAsync("env");

        Assert.Contains("export ANTHROPIC_AUTH_TOKEN=azure-openai", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ListsEveryVerbWithOneLine()
    {
        await using var sandbox = new Sandbox();

        var run = await sandbox.RunAsync("help");

        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var verb in new[] { "serve", "start", "stop", "restart", "status", "test", "config", "setup", "env", "help", "version" })
            Assert.Matches($@"(?m)^  {verb} +\S.+$", run.Stdout);
    }
}
