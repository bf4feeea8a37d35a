using AzureOpenAI.TestSupport.FakeUpstream;
using static AzureOpenAI.Proxy.Tests.Pools.PoolHarness;

namespace AzureOpenAI.Proxy.Tests.Pools;

/// <summary>
/// A provisioned Chat backend's <c>"spilloverDeployment"</c> goes upstream as <c>x-ms-spillover-deployment</c>, which
/// the strict fake checks as Azure documents it (a provisioned deployment, a standard one of the same model and data
/// processing level in the same resource, never on Responses), and serves the PTU's overflow there.
/// </summary>
public sealed class SpilloverTests
{
    private const string Spillover = """, "spilloverDeployment": "gpt-5-payg" """;

    [Fact]
    public async Task AProvisionedChatBackend_NamesItsSpilloverDeployment_WhichServesTheOverflow()
    {
        await using var resource = await StartResourceAsync(paygDataProcessing: "Global");
        resource.Enqueue(FakeResponse.RateLimited(retryAfterSeconds: 5));
        await using var proxy = await StartAsync(Settings($$"""{ "big": [ {{Backend(resource.BaseUri, resource.Options.ApiKey, "gpt-5-ptu", extra: Spillover)}} ] }"""),
            NewClock());

        var overflow = await AskAsync(proxy);
        var next = await AskAsync(proxy);

        Assert.Equal((200, 200), (overflow.Status, next.Status));
        Assert.All(resource.Requests, r => Assert.Equal("gpt-5-payg", r.Headers[SpilloverHeader]));
        Assert.Equal(["gpt-5-payg", null], resource.Requests.Select(r => r.SpilledTo));
    }

    [Fact]
    public async Task TheStrictFake_RefusesASpilloverAcrossDataProcessingLevels_AsAnInvalidRequest()
    {
        await using var resource = await StartResourceAsync(paygDataProcessing: "DataZone");
        await using var proxy = await StartAsync(Settings($$"""{ "big": [ {{Backend(resource.BaseUri, resource.Options.ApiKey, "gpt-5-ptu", extra: Spillover)}} ] }"""),
            NewClock());

        var refused = await AskAsync(proxy);

        Assert.Equal(400, refused.Status);
        Assert.Equal("invalid_request_error", ErrorType(refused.Body));
        Assert.Contains("same data processing level", ErrorMessage(refused.Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADeploymentSwitchedToResponses_GoesWithoutTheHeader()
    {
        var options = new FakeUpstreamOptions()
            .WithDeployment("codex-ptu", "gpt-5-codex", 128000, provisioned: true)
            .WithDeployment("codex-payg", "gpt-5-codex", 128000);
        await using var resource = await FakeUpstreamServer.StartAsync(options, Token);
        await using var proxy = await StartAsync(Settings($$"""
            { "big": [ {{Backend(resource.BaseUri, resource.Options.ApiKey, "codex-ptu", extra: """, "spilloverDeployment": "codex-payg" """)}} ] }
            """), NewClock());

        var answer = await AskAsync(proxy);

        Assert.Equal(200, answer.Status);
        Assert.Equal(["/openai/v1/chat/completions", "/openai/v1/responses"], resource.Requests.Select(r => r.Path));
        Assert.False(resource.Requests[1].Headers.ContainsKey(SpilloverHeader));
    }

    private const string SpilloverHeader = "x-ms-spillover-deployment";

    private static Task<FakeUpstreamServer> StartResourceAsync(string paygDataProcessing) =>
        FakeUpstreamServer.StartAsync(new FakeUpstreamOptions()
            .WithDeployment("gpt-5-ptu", "gpt-5", 128000, provisioned: true)
            .WithDeployment("gpt-5-payg", "gpt-5", 128000, dataProcessing: paygDataProcessing), Token);
}
