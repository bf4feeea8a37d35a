using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.TestSupport.FakeUpstream;
using Microsoft.Extensions.Time.Testing;
using static AzureOpenAI.Proxy.Tests.Pools.PoolHarness;

namespace AzureOpenAI.Proxy.Tests.Pools;

/// <summary>
/// Claude Code asks for <c>max_tokens: 128000</c> every turn, and Azure Standard counts prompt + reservation against
/// tokens-per-minute when a request arrives. Through a fake that keeps Azure's accounting (on the test's clock): the
/// default reservation ceiling lets Claude Code-sized turns through where forwarding the request's reservation gets
/// 429s, and over a longer session the reservation shrinks to the remaining tokens instead of provoking 429s.
/// </summary>
public sealed class QuotaShapingTests
{
    /// <summary>About 1,000 tokens of prose per 4,000 characters.</summary>
    private static string Prompt(int tokens) => string.Concat(Enumerable.Repeat("The quick brown fox jumps over the lazy dog again. ", tokens * 4 / 51 + 1));

    [Fact]
    public async Task ThreeClaudeCodeTurnsInAMinute_On60kTpm_PassWithTheDefaults_ButNotWithTheReservationForwarded()
    {
        var shaped = await RunAsync(new ProxySettings(), tokensPerMinute: 60_000, turns: 3, promptTokens: _ => 3_000);
        var forwarded = await RunAsync(new ProxySettings { MaxOutputReservation = 128_000 }, tokensPerMinute: 60_000, turns: 3, promptTokens: _ => 3_000);

        Assert.All(shaped.Statuses, status => Assert.Equal(200, status));
        Assert.All(shaped.Reservations, r => Assert.Equal(16_384, r.Reservation));
        Assert.Contains(429, forwarded.Statuses);
        Assert.Contains(forwarded.Reservations, r => r is { Reservation: 128_000, Admitted: false });
    }

    [Fact]
    public async Task ALongSession_On150kTpm_ShrinksTheReservationToFit_WhereAFixedOneGets429s()
    {
        static int Growing(int turn) => 3_000 + 1_000 * turn;

        var shrinking = await RunAsync(new ProxySettings(), tokensPerMinute: 150_000, turns: 20, Growing);
        var fixedReservation = await RunAsync(new ProxySettings { MinOutputReservation = 16_384 }, tokensPerMinute: 150_000, turns: 20, Growing);

        Assert.All(shrinking.Statuses, status => Assert.Equal(200, status));
        Assert.Contains(shrinking.Reservations, r => r.Reservation < 16_384);
        Assert.All(shrinking.Reservations, r => Assert.True(r.Reservation >= 2_048));
        Assert.Contains(429, fixedReservation.Statuses);
    }

    /// <summary>One turn every 10 s on one Azure Standard deployment behind the TPM accounting; the statuses Claude Code saw.</summary>
    private static async Task<(List<int> Statuses, List<(int Reservation, bool Admitted)> Reservations)> RunAsync(ProxySettings settings,
        int tokensPerMinute, int turns, Func<int, int> promptTokens)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        await using var azure = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        var tpm = new TpmFrontDoorPolicy(tokensPerMinute, clock);
        await using var standard = await FrontDoorServer.StartAsync(azure, tpm);
        await using var proxy = await StartAsync(settings with
        {
            BaseUrl = standard.BaseUri, Provider = ProviderKind.Azure, ApiKey = azure.Options.ApiKey, BigModel = "gpt-5",
        }, clock);

        var statuses = new List<int>();
        for (var turn = 0; turn < turns; turn++)
        {
            statuses.Add((await AskAsync(proxy, prompt: Prompt(promptTokens(turn)), maxTokens: 128_000)).Status);
            clock.Advance(TimeSpan.FromSeconds(10));
        }
        return (statuses, tpm.Log);
    }
}
