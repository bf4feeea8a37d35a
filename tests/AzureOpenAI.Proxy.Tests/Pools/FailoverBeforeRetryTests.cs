using AzureOpenAI.TestSupport.FakeUpstream;
using static AzureOpenAI.Proxy.Tests.Pools.PoolHarness;

namespace AzureOpenAI.Proxy.Tests.Pools;

/// <summary>
/// With <c>MAX_RETRIES=2</c>, a 503 or a lost connection on a backend that has another one behind it moves the request
/// there at once, with no retry on the failing backend; the last (or only) backend keeps its same-backend retries.
/// </summary>
public sealed class FailoverBeforeRetryTests
{
    public static TheoryData<string> Faults => ["503", "reset"];

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task AFaultOnABackendWithAnotherBehindIt_MovesOnAtOnce_WithoutRetryingThere(string fault)
    {
        await using var ptu = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        await using var payg = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        for (var i = 0; i < 3; i++) ptu.Enqueue(Fault(fault));
        await using var proxy = await StartAsync(Settings($$"""
            { "big": [ {{Backend(ptu.BaseUri, ptu.Options.ApiKey, priority: 1)}}, {{Backend(payg.BaseUri, payg.Options.ApiKey, priority: 2)}} ] }
            """), NewClock(), maxRetries: 2);

        var answer = await AskAsync(proxy);

        Assert.Equal(200, answer.Status);
        Assert.Single(ptu.Requests);
        Assert.Single(payg.Requests);
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task TheLastBackend_KeepsItsSameBackendRetries(string fault)
    {
        await using var ptu = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        await using var payg = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        ptu.Enqueue(FakeResponse.RateLimited(retryAfterSeconds: 30));
        payg.Enqueue(Fault(fault)).Enqueue(Fault(fault));
        await using var proxy = await StartAsync(Settings($$"""
            { "big": [ {{Backend(ptu.BaseUri, ptu.Options.ApiKey, priority: 1)}}, {{Backend(payg.BaseUri, payg.Options.ApiKey, priority: 2)}} ] }
            """), NewClock(), maxRetries: 2);

        var answer = await AskAsync(proxy);

        Assert.Equal(200, answer.Status);
        Assert.Single(ptu.Requests);
        Assert.Equal(3, payg.Requests.Count); // two faults retried, then the answer
    }

    private static FakeResponse Fault(string kind) => kind == "reset"
        ? FakeResponse.ResetConnection()
        : FakeResponse.Error(503, "The service is temporarily unable to process your request.", "server_error");
}
