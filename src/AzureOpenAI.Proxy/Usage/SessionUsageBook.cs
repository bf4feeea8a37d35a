using System.Collections.Concurrent;

namespace AzureOpenAI.Proxy.Usage;

/// <summary>
/// The running totals of each Claude Code session this process has served, for the statusline: kept in memory, so
/// answering never touches the database. Bounded: past <see cref="MaxSessions"/> the least recently active goes.
/// </summary>
internal sealed class SessionUsageBook
{
    public const int MaxSessions = 1000;

    private readonly ConcurrentDictionary<string, SessionUsage> _sessions = new(StringComparer.Ordinal);

    public void Add(UsageRecord record)
    {
        if (record.Session is not { } id) return;
        var updated = _sessions.AddOrUpdate(id, _ => SessionUsage.First(record), (_, current) => current.With(record));
        if (_sessions.Count > MaxSessions && updated.Totals.Requests == 1) EvictLeastRecent();
    }

    /// <summary>The session's figures, or null when this process has served none of its requests.</summary>
    public SessionUsage? Find(string session) => _sessions.TryGetValue(session, out var usage) ? usage : null;

    private void EvictLeastRecent()
    {
        var oldest = _sessions.MinBy(pair => pair.Value.LastTime);
        _sessions.TryRemove(oldest.Key, out _);
    }
}

/// <summary>One session's totals and the deployment that served its latest request.</summary>
internal sealed record SessionUsage(UsageTotals Totals, string? LastDeployment, DateTimeOffset LastTime)
{
    public static SessionUsage First(UsageRecord record) => new(UsageTotals.Empty.Add(record), record.Deployment, record.Time);

    public SessionUsage With(UsageRecord record) => new(Totals.Add(record), record.Deployment ?? LastDeployment, record.Time);
}
