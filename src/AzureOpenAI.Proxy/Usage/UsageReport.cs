using System.Globalization;

namespace AzureOpenAI.Proxy.Usage;

/// <summary>What the <c>usage</c> table groups by.</summary>
internal enum UsageGrouping
{
    Day,
    Deployment,
    Session,
    Agent,
    Model,
}

/// <summary>One row of the <c>usage</c> table: a day, a deployment, a session, an agent or a requested model.</summary>
internal sealed record UsageGroup(string Key, UsageTotals Totals);

/// <summary>
/// The records since a time, grouped one way: days in order (UTC), everything else by cost, highest first.
/// Records without a session or deployment fall in a <see cref="None"/> group.
/// </summary>
internal sealed record UsageReport(DateTimeOffset Since, UsageGrouping By, IReadOnlyList<UsageGroup> Groups, UsageTotals Total)
{
    public const string None = "(none)";

    public static UsageReport Build(IEnumerable<UsageRecord> records, DateTimeOffset since, UsageGrouping by)
    {
        var all = records.Where(r => r.Time >= since).ToList();
        var groups = all.GroupBy(r => KeyOf(r, by), StringComparer.Ordinal)
            .Select(g => new UsageGroup(g.Key, UsageTotals.Of(g)));
        groups = by == UsageGrouping.Day
            ? groups.OrderBy(g => g.Key, StringComparer.Ordinal)
            : groups.OrderByDescending(g => g.Totals.CostUsd).ThenByDescending(g => g.Totals.Requests).ThenBy(g => g.Key, StringComparer.Ordinal);
        return new UsageReport(since, by, [.. groups], UsageTotals.Of(all));
    }

    public static string Name(UsageGrouping by) => by.ToString().ToLowerInvariant();

    private static string KeyOf(UsageRecord record, UsageGrouping by) => by switch
    {
        UsageGrouping.Day => record.Time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        UsageGrouping.Deployment => record.Deployment ?? None,
        UsageGrouping.Session => record.Session ?? None,
        UsageGrouping.Agent => record.Agent,
        _ => record.RequestedModel,
    };
}
