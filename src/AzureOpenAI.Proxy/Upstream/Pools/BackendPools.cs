using System.Collections.Concurrent;
using AzureOpenAI.Proxy.Configuration;

namespace AzureOpenAI.Proxy.Upstream.Pools;

/// <summary>
/// Every pool the proxy routes to. A tier pools.json names is the route <c>pool:TIER</c> (no deployment name holds a
/// colon). A deployment of a pooled tier requested by name (<c>anthropic/gpt-5-ptu</c>, as <c>/v1/models</c> lists it)
/// is served by that tier's backends of that deployment, with their failover, unless a tier of the settings names it.
/// Any other route is a deployment of the settings' single endpoint, served as a pool of one, so all take the same
/// path. Backends of pools.json carry their own credential; <c>"auth": "entra"</c> shares one token cache.
/// </summary>
internal sealed class BackendPools
{
    private const string RoutePrefix = "pool:";

    /// <summary>Pass-through model names are chosen by clients: beyond this many, single pools are not kept.</summary>
    private const int MaxSinglePools = 1000;

    private readonly Dictionary<string, DeploymentPool> _tiers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DeploymentPool> _pooledDeployments = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DeploymentPool> _singles = new(StringComparer.Ordinal);
    private readonly ProviderProfile? _single;
    private readonly DeploymentApiStyles _singleStyles;
    private readonly TimeProvider _time;

    public BackendPools(ProxySettings settings, ProviderProfile? single, DeploymentApiStyles singleStyles, EntraTokenCache? settingsEntra, TimeProvider time)
    {
        _single = single;
        _singleStyles = singleStyles;
        _time = time;
        if (settings.Pools is { } file)
        {
            var entra = new Lazy<EntraTokenCache>(() => settingsEntra ?? EntraTokenCache.For(UpstreamCredentialKind.DefaultAzureCredential, settings, time));
            foreach (var (tier, backends) in file.Tiers)
                _tiers[RoutePrefix + tier] = new DeploymentPool(tier, [.. backends.Select(b => Create(b, settings, entra, time))], file.AllowCrossZone);
        }
        // The tiers' single deployments are known from the start, so that /health lists them before their first request.
        foreach (var (tier, deployment) in (ReadOnlySpan<(string, string?)>)[("big", settings.BigModel), ("middle", settings.MiddleModel), ("small", settings.SmallModel)])
            if (deployment is not null && RouteOf(tier) is null) For(deployment);
        foreach (var group in _tiers.Values.SelectMany(pool => pool.Backends.Select(backend => (pool, backend))).GroupBy(e => e.backend.Deployment))
            if (!_singles.ContainsKey(group.Key))
                _pooledDeployments[group.Key] = new DeploymentPool(group.First().pool.Name, [.. group.Select(e => e.backend)], group.First().pool.AllowCrossZone);
    }

    /// <summary>The pools.json tiers (<c>big</c>, <c>middle</c>, <c>small</c>) with their backends, in file order.</summary>
    public IEnumerable<DeploymentPool> PooledTiers => _tiers.Values;

    /// <summary>The route of <paramref name="tier"/> when pools.json names it, else null (the settings' deployment serves it).</summary>
    public string? RouteOf(string tier) => _tiers.ContainsKey(RoutePrefix + tier) ? RoutePrefix + tier : null;

    /// <summary>True when some backend can be reached: the settings' endpoint, or a pools.json tier.</summary>
    public bool HasAny => _single is not null || _tiers.Count > 0;

    /// <summary>The profile error messages name when no backend is known: the settings' endpoint, else the first pooled one.</summary>
    public ProviderProfile? DefaultProfile => _single ?? _tiers.Values.FirstOrDefault()?.Backends[0].Profile;

    /// <summary>The pool of <paramref name="route"/>, or null when it is a deployment and no single endpoint is configured.</summary>
    public DeploymentPool? For(string route)
    {
        if (_tiers.TryGetValue(route, out var pool) || _pooledDeployments.TryGetValue(route, out pool)) return pool;
        if (_single is null) return null;
        if (_singles.TryGetValue(route, out pool)) return pool;
        pool = new DeploymentPool(route, [new Backend(route, _single, new BackendSpec(), _singleStyles, _time)], allowCrossZone: false);
        return _singles.Count < MaxSinglePools ? _singles.GetOrAdd(route, pool) : pool;
    }

    /// <summary>Every backend in use, pools.json tiers first.</summary>
    public IReadOnlyList<BackendHealth> Health() => [.. _tiers.Values.Concat(_singles.Values).SelectMany(BackendHealth.Of)];

    /// <summary>A pools.json backend as the proxy calls it (also what <c>test</c> probes); Entra ID backends share <paramref name="entra"/>.</summary>
    public static Backend Create(PoolBackend backend, ProxySettings settings, Lazy<EntraTokenCache> entra, TimeProvider time)
    {
        var apiVersion = backend.ApiVersion ?? settings.AzureApiVersion;
        var kind = backend.Provider ?? ProviderDetection.Detect(backend.Endpoint, apiVersion);
        var profile = new ProviderProfile(kind, backend.Endpoint, apiVersion, backend.Auth == PoolAuth.Key ? backend.ApiKey : null)
        {
            Headers = backend.Headers,
            OwnsCredential = true,
            EntraTokens = backend.Auth == PoolAuth.Entra ? entra.Value : null,
        };
        var spec = new BackendSpec
        {
            Priority = backend.Priority,
            Weight = backend.Weight,
            DataZone = backend.DataZone,
            ContextWindow = backend.ContextWindow,
            MaxOutputTokens = backend.MaxOutputTokens,
            MaxOutputReservation = backend.MaxOutputReservation,
            SpilloverDeployment = backend.SpilloverDeployment,
        };
        return new Backend(backend.Deployment, profile, spec, new DeploymentApiStyles(backend.ApiStyle ?? settings.ApiStyle, settings.ResponsesModels), time);
    }
}
