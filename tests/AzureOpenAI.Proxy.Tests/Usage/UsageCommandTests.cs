using System.Text.Json;
using AzureOpenAI.Proxy.Tests.Lifecycle;
using AzureOpenAI.Proxy.Usage;
using Microsoft.Data.Sqlite;

namespace AzureOpenAI.Proxy.Tests.Usage;

/// <summary><c>azure-openai usage</c>, the real executable over a real usage.db in a temporary data home.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class UsageCommandTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Theory]
    [InlineData("day", "│ total ")]
    [InlineData("deployment", "gpt-4o-mini")]
    [InlineData("session", "session-b")]
    [InlineData("agent", "explore")]
    [InlineData("model", "claude-haiku-4-5")]
    public async Task TheTable_GroupsEachWay(string by, string expected)
    {
        await using var sandbox = Seeded();

        var run = await sandbox.RunAsync("usage", "--by", by);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"by {by}", run.Stdout, StringComparison.Ordinal);
        Assert.Contains(expected, run.Stdout, StringComparison.Ordinal);
        // 3 requests in the last 7 days; gpt-5 10k input (8k cached) + 500 output, twice, and the gpt-4o-mini one.
        Assert.Matches(@"total\s+│\s+3 │", run.Stdout);
        Assert.DoesNotContain("old-session", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_HasAStableShape_WithCostsFromThePriceTable()
    {
        await using var sandbox = Seeded();

        var run = await sandbox.RunAsync("usage", "--by", "deployment", "--json", "--since", "30d");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        Assert.Equal("deployment", root.GetProperty("by").GetString());
        Assert.True(root.GetProperty("since").GetDateTimeOffset() < Now.AddDays(-29));
        var groups = root.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(["gpt-5", "gpt-4o-mini"], groups.Select(g => g.GetProperty("key").GetString()));
        var gpt5 = groups[0];
        Assert.Equal(3, gpt5.GetProperty("requests").GetInt64()); // the 20-day-old one is inside 30d
        Assert.Equal(30_000, gpt5.GetProperty("inputTokens").GetInt64());
        Assert.Equal(24_000, gpt5.GetProperty("cachedTokens").GetInt64());
        Assert.Equal(0.8, gpt5.GetProperty("cacheHitRate").GetDouble());
        // Each: 2k uncached × $1.25 + 8k cached × $0.125 + 500 output × $10, per million = $0.0085.
        Assert.Equal(0.0255m, gpt5.GetProperty("costUsd").GetDecimal());
        Assert.Equal(4, root.GetProperty("total").GetProperty("requests").GetInt64());
        Assert.Equal(
            ["requests", "inputTokens", "cachedTokens", "outputTokens", "reasoningTokens", "cacheHitRate", "costUsd", "unpricedRequests"],
            root.GetProperty("total").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task AnEmptyOrMissingStore_SaysThereIsNothing()
    {
        await using var sandbox = new Sandbox();

        var table = await sandbox.RunAsync("usage");
        var json = await sandbox.RunAsync("usage", "--json");

        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("no requests recorded in this period", table.Stdout, StringComparison.Ordinal);
        Assert.True(json.ExitCode == 0, json.ToString());
        using var document = JsonDocument.Parse(json.Stdout);
        Assert.Empty(document.RootElement.GetProperty("groups").EnumerateArray());
        Assert.Equal(0, document.RootElement.GetProperty("total").GetProperty("requests").GetInt64());
    }

    [Theory]
    [InlineData("7x", "--since 7x: expected a span back from now (12h, 7d, 2w), today, or a UTC date (2026-12-01)")]
    [InlineData("2999-01-01", "--since 2999-01-01: the date is in the future")]
    public async Task ASinceThatDoesNotParse_IsAnInvalidArgument(string since, string message)
    {
        await using var sandbox = new Sandbox();

        var run = await sandbox.RunAsync("usage", "--since", since);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownGrouping_IsRefusedByTheParser()
    {
        await using var sandbox = new Sandbox();

        var run = await sandbox.RunAsync("usage", "--by", "week");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("week", run.Stderr, StringComparison.Ordinal);
    }

    private static Sandbox Seeded()
    {
        var sandbox = new Sandbox();
        Directory.CreateDirectory(sandbox.DataHome);
        var store = UsageStore.InDataHome(sandbox.DataHome);
        store.EnsureCreated();
        var prices = PriceTable.ListOnly;
        UsageRecord[] records =
        [
            Records.Make(Now.AddHours(-1)),
            Records.Make(Now.AddDays(-2), session: "session-b"),
            Records.Make(Now.AddHours(-3), agent: "explore", model: "claude-haiku-4-5", deployment: "gpt-4o-mini"),
            Records.Make(Now.AddDays(-20), session: "old-session"),
        ];
        store.Insert([.. records.Select(r => r with { CostUsd = prices.CostOf(r) })]);
        SqliteConnection.ClearAllPools();
        return sandbox;
    }
}
