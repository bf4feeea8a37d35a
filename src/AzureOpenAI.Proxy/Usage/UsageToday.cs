namespace AzureOpenAI.Proxy.Usage;

/// <summary>Today's totals (UTC) for <c>status</c>, read from the store; the daemon need not run.</summary>
internal static class UsageToday
{
    public static UsageTotals Totals(string dataHomeDirectory, DateTimeOffset now)
    {
        var store = UsageStore.InDataHome(dataHomeDirectory);
        return store.Exists ? UsageTotals.Of(store.ReadSince(new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero))) : UsageTotals.Empty;
    }

    /// <summary>e.g. <c>12 requests, $0.418 (cache hit 84%) since 00:00 UTC</c>; a broken store is said, not thrown.</summary>
    public static string Describe(string dataHomeDirectory)
    {
        try
        {
            var today = Totals(dataHomeDirectory, DateTimeOffset.UtcNow);
            return today.Requests == 0
                ? "no requests since 00:00 UTC"
                : $"{today.Requests} requests, {UsageFormat.Cost(today.CostUsd)} (cache hit {UsageFormat.Rate(today.CacheHitRate)}) since 00:00 UTC";
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException)
        {
            return $"unreadable: {e.Message}";
        }
    }
}
