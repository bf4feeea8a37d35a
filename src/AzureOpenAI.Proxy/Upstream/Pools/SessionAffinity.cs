using System.Collections.Concurrent;

namespace AzureOpenAI.Proxy.Upstream.Pools;

/// <summary>
/// The backend that last served each Claude Code session (<c>X-Claude-Code-Session-Id</c>) per pool, so its prompt
/// cache stays warm. Bounded: past <see cref="MaxSessions"/> it starts over, which only costs one cache miss per session.
/// </summary>
internal sealed class SessionAffinity
{
    public const int MaxSessions = 10_000;
    private readonly ConcurrentDictionary<(string Pool, string Session), Backend> _backends = new();

    public Backend? Find(DeploymentPool pool, string session) => _backends.GetValueOrDefault((pool.Name, session));

    public void Remember(DeploymentPool pool, string session, Backend backend)
    {
        if (_backends.Count >= MaxSessions) _backends.Clear();
        _backends[(pool.Name, session)] = backend;
    }
}
