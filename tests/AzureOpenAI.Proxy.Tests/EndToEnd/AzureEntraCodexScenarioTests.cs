using System.Globalization;
using System.Text.Json.Nodes;
using AzureOpenAI.Proxy.Tests.Entra;
using AzureOpenAI.Proxy.Tests.Lifecycle;
using AzureOpenAI.TestSupport.FakeUpstream;

namespace AzureOpenAI.Proxy.Tests.EndToEnd;

/// <summary>
/// Issue 5's user: an Azure resource with key authentication disabled, deployments gpt-5-codex (Responses-only) and
/// gpt-5-mini, and nothing but <c>az login</c>. Non-interactive <c>setup --auth entra</c> (the daemon starts, its test
/// call succeeds), then the real Claude Code, routed by the settings.json setup wrote, completes a Bash round trip on
/// the Responses API with the Azure CLI's token and no key anywhere.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
[Trait("Category", "EndToEnd")]
public sealed class AzureEntraCodexScenarioTests
{
    private const string CliToken = "eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.e2e-entra-scenario.";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AzLoginAlone_SetupThenClaudeCode_RunsAToolRoundTripOnACodexDeployment()
    {
        await using var upstream = await FakeUpstreamServer.StartAsync(new FakeUpstreamOptions { EntraToken = CliToken }, Token);
        using var az = FakeAzureCli.SignedIn(CliToken, TimeSpan.FromHours(1));
        await using var sandbox = new Sandbox();
        sandbox.Variables["PATH"] = $"{az.Folder}:{sandbox.Variables["PATH"]}";
        sandbox.Variables["AZURE_TOKEN_CREDENTIALS"] = "AzureCliCredential";
        sandbox.Variables.Remove("PORT");

        var setup = await sandbox.RunAsync(
            ["setup", "--auth", "entra", "--endpoint", upstream.BaseUri.AbsoluteUri, "--api-version", "v1",
             "--big", "gpt-5-codex", "--middle", "gpt-5-mini", "--small", "gpt-5-mini",
             "--port", sandbox.Port.ToString(CultureInfo.InvariantCulture)]);
        Assert.True(setup.ExitCode == 0, setup.ToString());

        var marker = Path.Combine(sandbox.WorkingDirectory, "marker.txt");
        var arguments = new JsonObject { ["command"] = $"echo E2E_ENTRA_OK > {marker}", ["description"] = "Write the marker file" };
        upstream.Enqueue(FakeResponse.Stream(new ResponsesSse().Created()
            .FunctionCall("fc_entra_1", "call_entra_bash_1", "Bash", arguments.ToJsonString(), pieces: 3)
            .Completed(ResponsesBodies.Usage(800, 40)).Events));
        upstream.Enqueue(FakeResponse.Stream(ResponsesSse.TextAnswer("Done with Entra ID.")));
        var before = upstream.Requests.Count;

        var run = await ClaudeCli.RunAsync(sandbox, proxy: null, token: null,
            ["-p", "Write E2E_ENTRA_OK into marker.txt with the Bash tool.", "--allowedTools", "Bash"], Token);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Done with Entra ID.", run.Stdout, StringComparison.Ordinal);
        Assert.Equal("E2E_ENTRA_OK", (await File.ReadAllTextAsync(marker, Token)).Trim());
        var session = upstream.Requests.Skip(before).ToList();
        Assert.True(session.Count >= 2, $"expected the tool turn and the answer turn, got {session.Count}");
        Assert.All(upstream.Requests, r =>
        {
            Assert.Null(r.Rejection);
            Assert.Equal($"Bearer {CliToken}", r.Headers.GetValueOrDefault("authorization"));
            Assert.False(r.Headers.ContainsKey("api-key"));
        });
        Assert.All(session, r => Assert.Equal(("/openai/v1/responses", "gpt-5-codex"), (r.Path, (string?)r.Body!["model"])));
        Assert.DoesNotContain("OPENAI_API_KEY", await File.ReadAllTextAsync(sandbox.ConfigEnv, Token), StringComparison.Ordinal);
        Assert.Single(az.Calls, call => call.Contains("get-access-token", StringComparison.Ordinal));
    }
}
