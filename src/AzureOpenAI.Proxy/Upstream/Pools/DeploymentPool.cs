namespace AzureOpenAI.Proxy.Upstream.Pools;

/// <summary>
/// The backends that may serve one route: a tier of pools.json, or the single deployment of the settings as a pool of
/// one. Failover stays in <see cref="HomeZone"/>, the data zone of the first backend of the highest priority, unless
/// the file allows crossing zones.
/// </summary>
internal sealed class DeploymentPool
{
    public DeploymentPool(string name, IReadOnlyList<Backend> backends, bool allowCrossZone)
    {
        Name = name;
        Backends = backends;
        AllowCrossZone = allowCrossZone;
        HomeZone = backends.MinBy(b => b.Spec.Priority)!.Spec.DataZone;
    }

    public string Name { get; }
    public IReadOnlyList<Backend> Backends { get; }
    public bool AllowCrossZone { get; }
    public string? HomeZone { get; }

    public bool MayServe(Backend backend) => AllowCrossZone || string.Equals(backend.Spec.DataZone, HomeZone, StringComparison.Ordinal);
}
