namespace AzureOpenAI.Proxy.Usage;

/// <summary>Summed figures of a set of records: a session, a day, a group of the <c>usage</c> table.</summary>
internal sealed record UsageTotals(
    long Requests, long InputTokens, long CachedTokens, long OutputTokens, long ReasoningTokens, decimal CostUsd, long UnpricedRequests)
{
    public static UsageTotals Empty { get; } = new(0, 0, 0, 0, 0, 0m, 0);

    /// <summary>Cached input over all input; null before any input.</summary>
    public double? CacheHitRate => InputTokens == 0 ? null : (double)CachedTokens / InputTokens;

    public UsageTotals Add(UsageRecord record) => new(
        Requests + 1, InputTokens + record.InputTokens, CachedTokens + record.CachedTokens, OutputTokens + record.OutputTokens,
        ReasoningTokens + record.ReasoningTokens, CostUsd + (record.CostUsd ?? 0m), UnpricedRequests + (record.CostUsd is null ? 1 : 0));

    public static UsageTotals Of(IEnumerable<UsageRecord> records) => records.Aggregate(Empty, (totals, record) => totals.Add(record));
}
