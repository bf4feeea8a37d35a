using System.Net.Http.Headers;
using AzureOpenAI.Proxy.Tests.Lifecycle;

namespace AzureOpenAI.Proxy.Tests.Usage;

/// <summary><c>azure-openai statusline</c>, the real executable fed Claude Code's statusline JSON, with the daemon running and stopped.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class StatuslineCommandTests
{
    [Fact]
    public async Task WithTheProxyRunning_ItPrintsTheDeploymentContextCacheAndCost()
    {
        await using var sandbox = Configured();
        var started = await sandbox.RunAsync("start");
        Assert.True(started.ExitCode == 0, started.ToString());
        await WarmUpAsync(sandbox);

        var run = await sandbox.RunAsync(["statusline"], StatuslineSample.Json);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("⎈ gpt-5 │ ctx 42% │ cache – │ $0.00\n", run.Stdout);
    }

    [Fact]
    public async Task WithTheProxyStopped_ItSaysSo_AndStillShowsTheRoutedDeploymentAndContext()
    {
        await using var sandbox = Configured();

        var run = await sandbox.RunAsync(["statusline"], StatuslineSample.Json);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("⎈ gpt-5 │ ctx 42% │ ✖ proxy down\n", run.Stdout);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{not json")]
    public async Task WhateverItIsGiven_ItPrintsALineAndExits0(string stdin)
    {
        await using var sandbox = new Sandbox();

        var run = await sandbox.RunAsync(["statusline"], stdin);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("⎈ ? │ ✖ proxy down\n", run.Stdout);
        Assert.Empty(run.Stderr);
    }

    private static Sandbox Configured()
    {
        var sandbox = new Sandbox();
        sandbox.Variables["BIG_MODEL"] = "gpt-5";
        sandbox.Variables["MIDDLE_MODEL"] = "gpt-4.1";
        sandbox.Variables["SMALL_MODEL"] = "gpt-4o-mini";
        sandbox.Variables["PROXY_AUTH_TOKEN"] = "statusline-token";
        return sandbox;
    }

    /// <summary>The endpoint's first answer pays for its JIT; the statusline waits at most 250 ms for an answer.</summary>
    private static async Task WarmUpAsync(Sandbox sandbox)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{sandbox.Port}") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "statusline-token");
        using var response = await http.GetAsync(new Uri("/azure-openai/session/warm-up?model=claude-opus-4-5", UriKind.Relative),
            TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
