using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AzureOpenAI.Proxy.Tests.Lifecycle;
using AzureOpenAI.Proxy.Upstream;
using AzureOpenAI.TestSupport.FakeUpstream;

namespace AzureOpenAI.Proxy.Tests.Entra;

/// <summary>
/// Entra ID through the real Azure.Identity code: the real <c>azure-openai</c> process (its environment is what
/// DefaultAzureCredential reads) with no key, a fake <c>az</c> first on PATH or a fake App Service identity endpoint on
/// 127.0.0.1, in front of the strict fake upstream that accepts only the issued bearer token.
/// <c>AZURE_TOKEN_CREDENTIALS</c> pins DefaultAzureCredential to one credential, as a user can, so that no test probes
/// the cloud's instance metadata endpoint.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class AzureIdentityProcessTests
{
    private const string CliToken = "eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.from-az-cli.sig";
    private const string ManagedIdentityToken = "eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.from-managed-identity.sig";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>An Azure endpoint (the fake) with deployments and no key: Entra ID by default.</summary>
    private static Sandbox KeylessAzure(FakeUpstreamServer fake)
    {
        var sandbox = new Sandbox();
        sandbox.Variables["OPENAI_BASE_URL"] = fake.BaseUri.AbsoluteUri;
        sandbox.Variables["PROVIDER"] = "azure";
        sandbox.Variables["BIG_MODEL"] = "gpt-4.1";
        sandbox.Variables["MIDDLE_MODEL"] = "gpt-4o";
        sandbox.Variables["SMALL_MODEL"] = "gpt-4o-mini";
        return sandbox;
    }

    private static void UseAzureCli(Sandbox sandbox, FakeAzureCli az)
    {
        sandbox.Variables["PATH"] = $"{az.Folder}:{sandbox.Variables["PATH"]}";
        sandbox.Variables["AZURE_TOKEN_CREDENTIALS"] = "AzureCliCredential";
    }

    private static StringContent Message(bool stream = false) =>
        new($$"""{"model":"claude-sonnet-4-5","max_tokens":50,"stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"hi"}]}""",
            Encoding.UTF8, "application/json");

    private static HttpClient ProxyClient(Sandbox sandbox) => new() { BaseAddress = new Uri($"http://127.0.0.1:{sandbox.Port}") };

    [Fact]
    public async Task AzureCliLogin_OneTokenServesManyRequests_AsBearerWithoutApiKey()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(new FakeUpstreamOptions { EntraToken = CliToken }, Token);
        using var az = FakeAzureCli.SignedIn(CliToken, TimeSpan.FromHours(1));
        await using var sandbox = KeylessAzure(fake);
        UseAzureCli(sandbox, az);
        var started = await sandbox.RunAsync("start");
        Assert.True(started.ExitCode == 0, started.ToString());
        using var http = ProxyClient(sandbox);

        // Concurrent first requests share one fetch; later ones reuse the cached token.
        var first = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => http.PostAsync("/v1/messages", Message(), Token)));
        using var streamed = await http.PostAsync("/v1/messages", Message(stream: true), Token);
        using var last = await http.PostAsync("/v1/messages", Message(), Token);

        Assert.All(first, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(HttpStatusCode.OK, streamed.StatusCode);
        Assert.Contains("event: message_stop", await streamed.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, last.StatusCode);
        foreach (var response in first) response.Dispose();

        var call = Assert.Single(az.Calls);
        Assert.Contains("account get-access-token", call, StringComparison.Ordinal);
        Assert.Contains("--resource https://cognitiveservices.azure.com", call, StringComparison.Ordinal);
        Assert.Equal(6, fake.Requests.Count);
        Assert.All(fake.Requests, r =>
        {
            Assert.Null(r.Rejection);
            Assert.Equal($"Bearer {CliToken}", r.Headers["Authorization"]);
            Assert.False(r.Headers.ContainsKey("api-key"));
        });

        var status = await sandbox.RunAsync("status");
        Assert.Contains("auth          Entra ID via DefaultAzureCredential", status.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(CliToken, status.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AzureCliLogin_TestVerbCallsTheProviderWithTheToken()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(new FakeUpstreamOptions { EntraToken = CliToken }, Token);
        using var az = FakeAzureCli.SignedIn(CliToken, TimeSpan.FromHours(1));
        await using var sandbox = KeylessAzure(fake);
        UseAzureCli(sandbox, az);

        var run = await sandbox.RunAsync("test");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"reply       {FakeUpstreamServer.DefaultAnswer}", run.Stdout, StringComparison.Ordinal);
        Assert.Equal($"Bearer {CliToken}", fake.LastRequest.Headers["Authorization"]);
        Assert.Single(az.Calls);
    }

    [Fact]
    public async Task SignedOutAzureCli_Is401ThatSaysHowToSignIn_InTheProxyAndInTest()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(new FakeUpstreamOptions { EntraToken = CliToken }, Token);
        using var az = FakeAzureCli.SignedOut();
        await using var sandbox = KeylessAzure(fake);
        UseAzureCli(sandbox, az);

        var test = await sandbox.RunAsync("test");
        Assert.True(test.ExitCode == 1, test.ToString());
        Assert.Contains($"test failed: {UpstreamCredentialException.NoCredentialFound}", test.Stderr, StringComparison.Ordinal);

        Assert.Equal(0, (await sandbox.RunAsync("start")).ExitCode);
        using var http = ProxyClient(sandbox);
        using var response = await http.PostAsync("/v1/messages", Message(), Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!["error"]!;
        Assert.Equal("authentication_error", (string?)error["type"]);
        Assert.Equal(UpstreamCredentialException.NoCredentialFound, (string?)error["message"]);
        Assert.Empty(fake.Requests);

        // Through the running proxy, test shows the proxy's explanation as it is.
        var throughProxy = await sandbox.RunAsync("test");
        Assert.Contains($"test failed: {UpstreamCredentialException.NoCredentialFound}", throughProxy.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppServiceManagedIdentity_OneTokenForTheCognitiveServicesResource()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(new FakeUpstreamOptions { EntraToken = ManagedIdentityToken }, Token);
        await using var identity = await FakeIdentityEndpoint.StartAsync(ManagedIdentityToken, TimeSpan.FromHours(1), Token);
        await using var sandbox = KeylessAzure(fake);
        sandbox.Variables["AZURE_TOKEN_CREDENTIALS"] = "ManagedIdentityCredential";
        sandbox.Variables["IDENTITY_ENDPOINT"] = identity.Endpoint.AbsoluteUri;
        sandbox.Variables["IDENTITY_HEADER"] = identity.Secret;
        Assert.Equal(0, (await sandbox.RunAsync("start")).ExitCode);
        using var http = ProxyClient(sandbox);

        for (var i = 0; i < 3; i++)
        {
            using var response = await http.PostAsync("/v1/messages", Message(stream: i == 1), Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(1, identity.TokensIssued);
        Assert.Equal("https://cognitiveservices.azure.com", Assert.Single(identity.Resources));
        Assert.Equal(3, fake.Requests.Count);
        Assert.All(fake.Requests, r => Assert.Equal($"Bearer {ManagedIdentityToken}", r.Headers["Authorization"]));
    }
}
