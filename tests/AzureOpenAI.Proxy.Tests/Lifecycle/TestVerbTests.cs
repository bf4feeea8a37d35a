using AzureOpenAI.TestSupport.FakeUpstream;
using Xunit;

namespace AzureOpenAI.Proxy.Tests.Lifecycle;

/// <summary>
/// <c>test</c> straight to the strict fake upstream (the proxy is not running): the reply on success, and for each
/// failure the cause in words and a non-zero exit.
/// </summary>
public sealed class TestVerbTests
{
    private const string Key = "azure-key-0123456789abcdef0123456789";

    [Fact]
    public async Task Success_PrintsDeploymentLatencyAndReply()
    {
        await using var fake = await StartFakeAsync();
        await using var sandbox = Configured(fake);

        var run = await sandbox.RunAsync("test");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("deployment  gpt-4o (middle, MIDDLE_MODEL)", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"path        directly to {fake.BaseUri.Authority} (the proxy is not running)", run.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"latency     \d+ ms", run.Stdout);
        Assert.Contains($"reply       {FakeUpstreamServer.DefaultAnswer}", run.Stdout, StringComparison.Ordinal);
        Assert.Equal("/openai/deployments/gpt-4o/chat/completions", fake.LastRequest.Path);
        Assert.Equal("gpt-4o", fake.LastRequest.Deployment);
        Assert.DoesNotContain(Key, run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResponsesOnlyDeployment_IsTestedThroughTheResponsesApi()
    {
        await using var fake = await StartFakeAsync();
        await using var sandbox = Configured(fake);
        sandbox.Variables["AZURE_API_VERSION"] = "v1";
        sandbox.Variables["MIDDLE_MODEL"] = "gpt-5-codex";

        var run = await sandbox.RunAsync("test");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"reply       {FakeUpstreamServer.DefaultAnswer}", run.Stdout, StringComparison.Ordinal);
        Assert.Equal("/openai/v1/responses", fake.LastRequest.Path);
        Assert.Equal("gpt-5-codex", fake.LastRequest.Deployment);
    }

    [Fact]
    public async Task DeploymentOfAResponsesOnlyModel_SwitchesAfterOperationNotSupported()
    {
        var options = new FakeUpstreamOptions { ApiKey = Key }.WithDeployment("my-codex", "gpt-5-codex");
        await using var fake = await FakeUpstreamServer.StartAsync(options, TestContext.Current.CancellationToken);
        await using var sandbox = Configured(fake);
        sandbox.Variables["AZURE_API_VERSION"] = "v1";
        sandbox.Variables["MIDDLE_MODEL"] = "my-codex";

        var run = await sandbox.RunAsync("test");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["/openai/v1/chat/completions", "/openai/v1/responses"], fake.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task WrongKey_Explains401()
    {
        await using var fake = await StartFakeAsync();
        await using var sandbox = Configured(fake);
        sandbox.Variables["OPENAI_API_KEY"] = "wrong-key-0123456789abcdef";

        var run = await sandbox.RunAsync("test");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains($"test failed: {fake.BaseUri.Authority} rejected the API key (401): the key is wrong or belongs to another resource, or key authentication is disabled on the resource",
            run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-key-0123456789abcdef", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownDeployment_NamesIt()
    {
        await using var fake = await StartFakeAsync();
        await using var sandbox = Configured(fake);
        sandbox.Variables["MIDDLE_MODEL"] = "my-missing-deployment";

        var run = await sandbox.RunAsync("test");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains($"test failed: deployment \"my-missing-deployment\" was not found on {fake.BaseUri.Authority} (404 DeploymentNotFound): set MIDDLE_MODEL",
            run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnsupportedApiVersion_SaysSo()
    {
        await using var fake = await StartFakeAsync();
        await using var sandbox = Configured(fake);
        sandbox.Variables["AZURE_API_VERSION"] = "2023-01-01";

        var run = await sandbox.RunAsync("test");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains($"test failed: api-version \"2023-01-01\" is not supported by {fake.BaseUri.Authority}: set AZURE_API_VERSION=v1",
            run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NothingListening_ExplainsTheConnectionFailure()
    {
        await using var sandbox = new Sandbox();
        var closedPort = Sandbox.FreePort();
        sandbox.Variables["OPENAI_BASE_URL"] = $"http://127.0.0.1:{closedPort}";
        sandbox.Variables["OPENAI_API_KEY"] = Key;
        sandbox.Variables["MIDDLE_MODEL"] = "gpt-4o";

        var run = await sandbox.RunAsync("test");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains($"test failed: cannot connect to 127.0.0.1:{closedPort} (Connection refused)", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoAnswer_ExplainsTheTimeout()
    {
        await using var fake = await StartFakeAsync();
        fake.Enqueue(FakeResponse.HangUntilCancelled());
        await using var sandbox = Configured(fake);

        var run = await sandbox.RunAsync("test", "--timeout", "1");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains($"test failed: {fake.BaseUri.Authority} did not answer within 1 s (timeout)", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingDeployment_IsAConfigurationError()
    {
        await using var fake = await StartFakeAsync();
        await using var sandbox = Configured(fake);
        sandbox.Variables.Remove("SMALL_MODEL");

        var run = await sandbox.RunAsync("test", "--model", "small");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("test failed: SMALL_MODEL is not set: run `azure-openai setup`", run.Stderr, StringComparison.Ordinal);
    }

    private static Task<FakeUpstreamServer> StartFakeAsync() =>
        FakeUpstreamServer.StartAsync(new FakeUpstreamOptions { ApiKey = Key }, TestContext.Current.CancellationToken);

    private static Sandbox Configured(FakeUpstreamServer fake)
    {
        var sandbox = new Sandbox();
        sandbox.Variables["OPENAI_BASE_URL"] = fake.BaseUri.AbsoluteUri;
        sandbox.Variables["OPENAI_API_KEY"] = Key;
        sandbox.Variables["AZURE_API_VERSION"] = "2024-10-21";
        sandbox.Variables["BIG_MODEL"] = "gpt-4.1";
        sandbox.Variables["MIDDLE_MODEL"] = "gpt-4o";
        sandbox.Variables["SMALL_MODEL"] = "gpt-4o-mini";
        return sandbox;
    }
}
