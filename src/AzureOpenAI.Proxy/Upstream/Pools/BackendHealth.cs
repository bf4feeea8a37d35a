namespace AzureOpenAI.Proxy.Upstream.Pools;

internal enum BackendState
{
    Healthy,

    /// <summary>It answered 429 (or a quota 403, or 503 with a wait): skipped until <see cref="BackendHealth.Until"/>.</summary>
    CoolingDown,

    /// <summary>Repeated faults opened its circuit: skipped until <see cref="BackendHealth.Until"/>, then probed.</summary>
    CircuitOpen,
}

/// <summary>
/// A backend as <c>/health</c> shows it (and <c>status</c> from there): its state, the share of its pool's requests of
/// the last hour that it served, and how many requests of the last hour failed over from it. Holds no secret.
/// </summary>
internal sealed record BackendHealth(string Pool, string Backend, int Priority, string? DataZone, BackendState State,
    DateTimeOffset? Until, long ServedLastHour, double ShareLastHour, long FailoversLastHour)
{
    public static IEnumerable<BackendHealth> Of(DeploymentPool pool)
    {
        var served = pool.Backends.Select(b => b.Served.LastHour()).ToList();
        var total = served.Sum();
        return pool.Backends.Select((backend, i) =>
        {
            var (state, until) = backend.Circuit.IsOpen ? (BackendState.CircuitOpen, backend.Circuit.OpenUntil)
                : backend.Cooldown.Until is { } cooling ? (BackendState.CoolingDown, cooling)
                : (BackendState.Healthy, (DateTimeOffset?)null);
            return new BackendHealth(pool.Name, backend.Name, backend.Spec.Priority, backend.Spec.DataZone, state, until, served[i],
                total == 0 ? 0 : (double)served[i] / total, backend.LeftBy.LastHour());
        });
    }

    /// <summary><c>healthy</c>, <c>cooling-down</c>, <c>circuit-open</c>.</summary>
    public string StateName => State switch
    {
        BackendState.CoolingDown => "cooling-down",
        BackendState.CircuitOpen => "circuit-open",
        _ => "healthy",
    };
}
