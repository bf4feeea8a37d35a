using System.Globalization;
using AzureOpenAI.TestSupport;
using CsCheck;

namespace AzureOpenAI.Proxy.Tests.Fuzz;

/// <summary>
/// Property: whatever the body, the proxy (in front of the strict fake upstream) answers every endpoint with an
/// Anthropic-shaped 4xx or a valid success, never a 5xx, always within <see cref="FuzzOracle.Deadline"/>, and keeps
/// serving. FUZZ_CASES sets the number of cases (default <see cref="DefaultCases"/>). The seed is fixed, so CI runs the
/// same cases every time; a failure prints the failing case's seed, which CsCheck_Seed=… replays.
/// </summary>
public class FuzzTests(ProxyBehindFakeUpstream proxy) : IClassFixture<ProxyBehindFakeUpstream>
{
    private const int DefaultCases = 1000;

    /// <summary>Any CsCheck seed would do; a fixed one makes a run repeatable.</summary>
    private const string FixedSeed = "0N0XIzNsQ0O2";

    [Fact]
    public async Task AnyRequest_IsAnswered4xxOrWellFormed_NeverWith5xxOrAHang()
    {
        var captured = FuzzCases.LoadCaptured(RepositoryPaths.Shared("fixtures/claude-code-2.1.328"));
        var cases = Environment.GetEnvironmentVariable("FUZZ_CASES") is { Length: > 0 } count ? int.Parse(count, CultureInfo.InvariantCulture) : DefaultCases;
        var seed = Environment.GetEnvironmentVariable("CsCheck_Seed") is { Length: > 0 } replay ? replay : FixedSeed;
        var token = TestContext.Current.CancellationToken;

        await FuzzCases.Create(captured).SampleAsync(async fuzzCase =>
        {
            if ((await FuzzOracle.CheckAsync(proxy.Http, fuzzCase, token)).Violation is { } violation) throw new FuzzViolationException(violation);
        }, seed: seed, iter: cases, threads: 4, print: fuzzCase => fuzzCase.ToString(),
            writeLine: line => TestContext.Current.TestOutputHelper?.WriteLine(line));

        using var health = await proxy.Http.GetAsync("/health", token);
        Assert.True(health.IsSuccessStatusCode, $"the proxy stopped serving after the fuzz cases: {(int)health.StatusCode}");
    }
}
