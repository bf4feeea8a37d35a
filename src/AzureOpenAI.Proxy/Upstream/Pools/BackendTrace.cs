namespace AzureOpenAI.Proxy.Upstream.Pools;

/// <summary>What one request did among its pool's backends, for the log line and for errors that name the backend.</summary>
internal sealed class BackendTrace
{
    private List<string>? _failovers;
    private List<Backend>? _leftBehind;

    /// <summary>The backend tried last: the one that answered, or the last one that failed.</summary>
    public Backend? Last { get; private set; }

    /// <summary>Each backend left behind and why, e.g. <c>east.openai.azure.com/gpt-5-ptu 429</c>; null without failover.</summary>
    public string? Failover => _failovers is null ? null : string.Join(", ", _failovers);

    public void Tried(Backend backend) => Last = backend;

    /// <summary>The backends the request moved off, in order (the failover metric counts them).</summary>
    public IReadOnlyList<Backend> LeftBehind => _leftBehind ?? [];

    /// <summary>Also counted on the backend, for <c>status</c>.</summary>
    public void MovedOn(Backend backend, string reason)
    {
        backend.LeftBy.Record();
        (_failovers ??= []).Add($"{backend.Name} {reason}");
        (_leftBehind ??= []).Add(backend);
    }
}
