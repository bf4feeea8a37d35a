using Azure.Core;
using Azure.Identity;
using AzureOpenAI.Proxy.Upstream;

namespace AzureOpenAI.Proxy.Tests.Entra;

/// <summary>The token cache between Azure.Identity and every upstream request: fetch once, refresh before expiry, explain failures.</summary>
public sealed class EntraTokenCacheTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static AccessToken Issued(int fetch, TimeSpan lifetime) => new($"token-{fetch}", Start.Add(lifetime));

    [Fact]
    public async Task ConcurrentFirstRequests_ShareOneFetch_ForTheCognitiveServicesScope()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        string[]? scopes = null;
        var credential = new ScriptedCredential(async (fetch, context) =>
        {
            scopes = context.Scopes;
            await release.Task;
            return Issued(fetch, TimeSpan.FromHours(1));
        });
        using var cache = new EntraTokenCache(credential, new ManualClock(Start));

        var waiting = Enumerable.Range(0, 10).Select(_ => cache.GetTokenAsync(Token).AsTask()).ToList();
        release.SetResult();
        var tokens = await Task.WhenAll(waiting);

        Assert.All(tokens, t => Assert.Equal("token-1", t));
        Assert.Equal(1, credential.Fetches);
        Assert.Equal(["https://cognitiveservices.azure.com/.default"], scopes!);
    }

    [Fact]
    public async Task Token_IsReusedUntilFiveMinutesBeforeExpiry_ThenRefreshed()
    {
        var clock = new ManualClock(Start);
        // Each token lives one hour from when it is issued.
        var credential = new ScriptedCredential((fetch, _) => Task.FromResult(new AccessToken($"token-{fetch}", clock.Now.AddHours(1))));
        using var cache = new EntraTokenCache(credential, clock);

        Assert.Equal("token-1", await cache.GetTokenAsync(Token));
        clock.Now = Start.AddMinutes(54);
        Assert.Equal("token-1", await cache.GetTokenAsync(Token));
        Assert.Equal(1, credential.Fetches);

        clock.Now = Start.AddMinutes(55);
        Assert.Equal("token-2", await cache.GetTokenAsync(Token));
        clock.Now = Start.AddMinutes(109);
        Assert.Equal("token-2", await cache.GetTokenAsync(Token));
        Assert.Equal(2, credential.Fetches);
    }

    [Fact]
    public async Task RefreshOnFromTheCredential_IsHonouredEarlier()
    {
        var credential = new ScriptedCredential((fetch, _) =>
            Task.FromResult(new AccessToken($"token-{fetch}", Start.AddHours(24), Start.AddHours(12))));
        var clock = new ManualClock(Start);
        using var cache = new EntraTokenCache(credential, clock);

        await cache.GetTokenAsync(Token);
        clock.Now = Start.AddHours(12);

        Assert.Equal("token-2", await cache.GetTokenAsync(Token));
    }

    [Fact]
    public async Task RefreshFailure_WhileTheOldTokenIsStillValid_KeepsUsingIt()
    {
        var credential = new ScriptedCredential((fetch, _) => fetch == 1
            ? Task.FromResult(Issued(fetch, TimeSpan.FromHours(1)))
            : throw new AuthenticationFailedException("the identity endpoint is down"));
        var clock = new ManualClock(Start);
        using var cache = new EntraTokenCache(credential, clock);
        await cache.GetTokenAsync(Token);

        clock.Now = Start.AddMinutes(58);
        Assert.Equal("token-1", await cache.GetTokenAsync(Token));

        clock.Now = Start.AddMinutes(61);
        var failure = await Assert.ThrowsAsync<UpstreamCredentialException>(() => cache.GetTokenAsync(Token).AsTask());
        Assert.StartsWith("the Azure credential failed (the identity endpoint is down): run `az login` again", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoCredentialAvailable_SaysHowToSignIn()
    {
        var credential = new ScriptedCredential((_, _) => throw new CredentialUnavailableException(
            "DefaultAzureCredential failed to retrieve a token from the included credentials.\n- EnvironmentCredential authentication unavailable…"));
        using var cache = new EntraTokenCache(credential, new ManualClock(Start));

        var failure = await Assert.ThrowsAsync<UpstreamCredentialException>(() => cache.GetTokenAsync(Token).AsTask());

        Assert.Equal("no Azure credential found: run `az login`, or set AZURE_OPENAI_AD_TOKEN, or use an API key (OPENAI_API_KEY)", failure.Message);
    }
}
