using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.TestSupport.FakeUpstream;
using static AzureOpenAI.Proxy.Tests.Pools.PoolHarness;

namespace AzureOpenAI.Proxy.Tests.Pools;

/// <summary>
/// Azure OpenAI behind an APIM-like front door: a base URL with a path prefix, the subscription key as a static header
/// (UPSTREAM_HEADERS, or a backend's "headers"), and APIM's own quota answers as rate limits, not permission errors.
/// </summary>
public sealed class ApimFrontDoorTests
{
    private const string SubscriptionKey = "apim-subscription-key-0123456789";

    [Fact]
    public async Task TheSingleDeployment_ReachesAzureThroughThePrefix_WithTheSubscriptionKeyHeader()
    {
        await using var azure = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        await using var apim = await FrontDoorServer.StartAsync(azure, new ApimFrontDoorPolicy(SubscriptionKey, azure.Options.ApiKey));
        var settings = new ProxySettings
        {
            BaseUrl = new Uri(apim.BaseUri, "team-a"),
            Provider = ProviderKind.Azure,
            AzureApiVersion = "2024-10-21",
            ApiKey = "the-gateway-ignores-this-key",
            BigModel = "gpt-4o",
            UpstreamHeaders = UpstreamHeaders.Parse($"Ocp-Apim-Subscription-Key={SubscriptionKey};X-Team=a"),
        };
        await using var proxy = await StartAsync(settings, NewClock());

        var answer = await AskAsync(proxy);

        Assert.Equal(200, answer.Status);
        var seen = Assert.Single(apim.Requests);
        Assert.Equal("/team-a/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21", seen.Path);
        Assert.Equal("a", seen.Headers["X-Team"]);
        Assert.Null(Assert.Single(azure.Requests).Rejection);
    }

    [Fact]
    public async Task ApimQuotaAnswers_AreRateLimits_WithTheResetTime_AndMoveToTheNextBackend()
    {
        await using var azure = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        await using var direct = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        var policy = new ApimFrontDoorPolicy(SubscriptionKey, azure.Options.ApiKey);
        await using var apim = await FrontDoorServer.StartAsync(azure, policy);
        var gateway = $$"""
            { "endpoint": "{{new Uri(apim.BaseUri, "team-a")}}", "deployment": "gpt-4o", "provider": "azure", "priority": 1,
              "headers": { "Ocp-Apim-Subscription-Key": "{{SubscriptionKey}}" } }
            """;
        await using (var alone = await StartAsync(Settings($$"""{ "big": [ {{gateway}} ] }"""), NewClock()))
        {
            policy.EnqueueCallVolumeQuota(TimeSpan.FromSeconds(59));
            var refused = await AskAsync(alone);

            Assert.Equal(429, refused.Status);
            Assert.Equal("rate_limit_error", ErrorType(refused.Body));
            Assert.Contains("Quota will be replenished in 00:00:59", ErrorMessage(refused.Body), StringComparison.Ordinal);
            Assert.Equal("59", refused.Response.Headers.GetValues("retry-after").Single());
        }
        await using var pooled = await StartAsync(Settings($$"""
            { "big": [ {{gateway}}, {{Backend(direct.BaseUri, direct.Options.ApiKey, priority: 2)}} ] }
            """), NewClock());

        policy.EnqueueRateLimit(retryAfterSeconds: 7);
        Assert.Equal(200, (await AskAsync(pooled)).Status);

        Assert.Single(direct.Requests);
        Assert.Empty(azure.Requests); // APIM answered both quotas itself
    }
}
