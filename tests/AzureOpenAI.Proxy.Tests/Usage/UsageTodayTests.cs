using AzureOpenAI.Proxy.Tests.Lifecycle;
using AzureOpenAI.Proxy.Usage;
using Microsoft.Data.Sqlite;

namespace AzureOpenAI.Proxy.Tests.Usage;

public sealed class UsageTodayTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public void TodaysTotals_CountOnlySinceMidnightUtc()
    {
        var store = UsageStore.InDataHome(_folder.Path);
        store.EnsureCreated();
        var now = DateTimeOffset.UtcNow;
        var midnight = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        store.Insert([Records.Make(midnight.AddMinutes(-1), cost: 5m), Records.Make(midnight, cost: 0.25m), Records.Make(now, cost: 0.5m)]);

        Assert.Equal(2, UsageToday.Totals(_folder.Path, now).Requests);
        Assert.Equal("2 requests, $0.750 (cache hit 80%) since 00:00 UTC", UsageToday.Describe(_folder.Path));
    }

    [Fact]
    public void WithoutAStore_ThereWereNoRequests() =>
        Assert.Equal("no requests since 00:00 UTC", UsageToday.Describe(_folder.Path));
}
