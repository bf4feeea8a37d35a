using AzureOpenAI.TestSupport.FakeUpstream;
using static AzureOpenAI.Proxy.Tests.Pools.PoolHarness;

namespace AzureOpenAI.Proxy.Tests.Pools;

/// <summary>
/// A PTU deployment (priority 1) and a PAYG one (priority 2) on two strict fake Azure resources: 429s and 503s move
/// the request before any byte reached the client, the failed backend cools down for its retry-after and comes back
/// after it, the circuit opens and half-opens, data zones hold, and sessions stick.
/// </summary>
public sealed class FailoverTests
{
    [Fact]
    public async Task A429_MovesTheRequestToTheNextBackend_AndTrafficReturnsAfterTheCoolDown()
    {
        await using var ptu = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        await using var payg = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        ptu.Enqueue(FakeResponse.RateLimited(retryAfterSeconds: 30));
        var clock = NewClock();
        await using var proxy = await StartAsync(Settings($$"""
            { "big": [ {{Backend(ptu.BaseUri, ptu.Options.ApiKey, priority: 1, zone: "us")}},
                       {{Backend(payg.BaseUri, payg.Options.ApiKey, priority: 2, zone: "us")}} ] }
            """), clock);

        var first = await AskAsync(proxy, session: "s1");
        var whileCooling = await AskAsync(proxy, session: "s1");
        clock.Advance(TimeSpan.FromSeconds(31));
        var afterCoolDown = await AskAsync(proxy, session: "s1");

        Assert.Equal((200, 200, 200), (first.Status, whileCooling.Status, afterCoolDown.Status));
        Assert.Equal(2, ptu.Requests.Count);  // the 429, then the request after the cool-down (the session follows the PTU back)
        Assert.Equal(2, payg.Requests.Count); // the failover and the request while the PTU cooled down
        Assert.Equal(429, await ptu.Requests[0].Completed);
    }

    [Fact]
    public async Task Failover_NeverCrossesDataZones_UnlessAllowed()
    {
        await using var us = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        await using var eu = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        var backends = $"{Backend(us.BaseUri, us.Options.ApiKey, priority: 1, zone: "us")}, {Backend(eu.BaseUri, eu.Options.ApiKey, priority: 2, zone: "eu")}";
        us.Enqueue(FakeResponse.RateLimited(5));
        await using (var proxy = await StartAsync(Settings($$"""{ "big": [ {{backends}} ] }"""), NewClock()))
        {
            var refused = await AskAsync(proxy);

            Assert.Equal(429, refused.Status);
            Assert.Equal("rate_limit_error", ErrorType(refused.Body));
            Assert.Empty(eu.Requests);
        }

        us.Enqueue(FakeResponse.RateLimited(5));
        await using (var crossing = await StartAsync(Settings($$"""{ "allowCrossZone": true, "big": [ {{backends}} ] }"""), NewClock()))
        {
            Assert.Equal(200, (await AskAsync(crossing)).Status);
            Assert.Single(eu.Requests);
        }
    }

    [Fact]
    public async Task Sessions_StickToOneBackend_RequestsWithoutASessionSpread()
    {
        await using var a = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        await using var b = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        await using var proxy = await StartAsync(Settings($$"""
            { "big": [ {{Backend(a.BaseUri, a.Options.ApiKey)}}, {{Backend(b.BaseUri, b.Options.ApiKey)}} ] }
            """), NewClock());

        for (var i = 0; i < 8; i++) Assert.Equal(200, (await AskAsync(proxy, session: "session-1")).Status);
        var stuck = (a.Requests.Count, b.Requests.Count);
        for (var i = 0; i < 24; i++) Assert.Equal(200, (await AskAsync(proxy)).Status);

        Assert.Contains(stuck, new[] { (8, 0), (0, 8) });
        Assert.True(a.Requests.Count > stuck.Item1 && b.Requests.Count > stuck.Item2, "without a session id both backends take traffic");
    }

    [Fact]
    public async Task AnAnswerThatHasStarted_IsNeverMovedToAnotherBackend()
    {
        await using var ptu = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        await using var payg = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        var release = new TaskCompletionSource();
        ptu.Enqueue(FakeResponse.Stream(s => s.Send([ChatSse.Role(), ChatSse.Text("Partial")]).WaitFor(release.Task).Abort()));
        await using var proxy = await StartAsync(Settings($$"""
            { "big": [ {{Backend(ptu.BaseUri, ptu.Options.ApiKey, priority: 1)}}, {{Backend(payg.BaseUri, payg.Options.ApiKey, priority: 2)}} ] }
            """), NewClock());

        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/messages")
        {
            Content = new StringContent("""{"model":"claude-opus-4-5","max_tokens":100,"stream":true,"messages":[{"role":"user","content":"hi"}]}""",
                System.Text.Encoding.UTF8, "application/json"),
        };
        using var response = await proxy.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Token));
        var received = new System.Text.StringBuilder();
        while (!received.ToString().Contains("Partial", StringComparison.Ordinal)) received.AppendLine(await reader.ReadLineAsync(Token));
        release.SetResult(); // the upstream drops the connection only once the client holds the first words
        received.Append(await reader.ReadToEndAsync(Token));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Contains("event: error", received.ToString(), StringComparison.Ordinal);
        Assert.Empty(payg.Requests);
    }

    [Fact]
    public async Task RepeatedFaults_OpenTheCircuit_WhichHalfOpensToProbe()
    {
        await using var ptu = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        await using var payg = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        for (var i = 0; i < 3; i++) ptu.Enqueue(FakeResponse.Error(503, "The service is temporarily unable to process your request.", "server_error"));
        var clock = NewClock();
        await using var proxy = await StartAsync(Settings($$"""
            { "big": [ {{Backend(ptu.BaseUri, ptu.Options.ApiKey, priority: 1)}}, {{Backend(payg.BaseUri, payg.Options.ApiKey, priority: 2)}} ] }
            """), clock);

        for (var i = 0; i < 3; i++) Assert.Equal(200, (await AskAsync(proxy)).Status); // each 503 fails over to PAYG
        Assert.Equal(200, (await AskAsync(proxy)).Status);
        var whileOpen = ptu.Requests.Count;
        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(200, (await AskAsync(proxy)).Status); // the probe: the PTU answers, the circuit closes
        Assert.Equal(200, (await AskAsync(proxy)).Status);

        Assert.Equal(3, whileOpen); // the fourth request did not reach the PTU
        Assert.Equal(5, ptu.Requests.Count);
        Assert.Equal(4, payg.Requests.Count);
    }

    [Fact]
    public async Task ADailyQuotaNoBackendCanAbsorb_IsARateLimitErrorNamingTheDeploymentAndTheReset_NotRetried()
    {
        await using var only = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        only.Enqueue(FakeResponse.RateLimited(retryAfterSeconds: 86400));
        await using var proxy = await StartAsync(Settings($$"""{ "big": [ {{Backend(only.BaseUri, only.Options.ApiKey)}} ] }"""), NewClock());

        var first = await AskAsync(proxy);
        var second = await AskAsync(proxy);

        foreach (var answer in new[] { first, second })
        {
            Assert.Equal(429, answer.Status);
            Assert.Equal("rate_limit_error", ErrorType(answer.Body));
            Assert.Contains("gpt-4o", ErrorMessage(answer.Body), StringComparison.Ordinal);
            Assert.Contains("out of quota until 2026-01-06 09:00 UTC", ErrorMessage(answer.Body), StringComparison.Ordinal);
            Assert.Equal("false", answer.Response.Headers.GetValues("x-should-retry").Single());
        }
        Assert.Single(only.Requests); // the second answer costs no upstream call
    }
}
