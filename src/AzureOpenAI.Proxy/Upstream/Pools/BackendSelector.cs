namespace AzureOpenAI.Proxy.Upstream.Pools;

/// <summary>
/// The order in which a request tries a pool's backends:
/// <code>
/// 1. only backends of the pool's data zone (unless pools.json allows crossing), and none cooling down or behind an open circuit
/// 2. highest priority first (1 before 2), weighted random order within a priority
/// 3. the session's backend first, while it is available and no backend of a higher priority is
/// </code>
/// Requests without a session id are not sticky.
/// </summary>
internal sealed class BackendSelector(Random random)
{
    private readonly SessionAffinity _affinity = new();

    public List<Backend> Attempts(DeploymentPool pool, string? session)
    {
        var ordered = pool.Backends.Where(b => pool.MayServe(b) && b.IsAvailable)
            .GroupBy(b => b.Spec.Priority)
            .OrderBy(group => group.Key)
            .SelectMany(WeightedOrder)
            .ToList();
        if (session is not null && _affinity.Find(pool, session) is { } sticky && ordered.Contains(sticky)
            && ordered[0].Spec.Priority >= sticky.Spec.Priority)
        {
            ordered.Remove(sticky);
            ordered.Insert(0, sticky);
        }
        return ordered;
    }

    /// <summary>Records the backend that answered, for the session's next request.</summary>
    public void Served(DeploymentPool pool, string? session, Backend backend)
    {
        if (session is not null) _affinity.Remember(pool, session, backend);
    }

    /// <summary>Weighted random order (Efraimidis–Spirakis): each backend draws u^(1/weight), highest first.</summary>
    private List<Backend> WeightedOrder(IEnumerable<Backend> samePriority)
    {
        lock (random) // Random is not thread-safe
            return [.. samePriority.Select(b => (Backend: b, Key: Math.Pow(random.NextDouble(), 1.0 / b.Spec.Weight)))
                .OrderByDescending(entry => entry.Key)
                .Select(entry => entry.Backend)];
    }
}
