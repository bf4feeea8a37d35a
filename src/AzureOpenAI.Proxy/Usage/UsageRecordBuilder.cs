using Microsoft.AspNetCore.Http;

namespace AzureOpenAI.Proxy.Usage;

/// <summary>
/// What a request learns as it goes, turned into one <see cref="UsageRecord"/> at its end. Intended call sites:
/// <code>
/// MessagesEndpoint, once the model is known:  var usage = UsageRecordBuilder.Start(context.Request.Headers, model, time);
///   after routing:                            usage.Routed(backend, deployment, api);
///   just before the upstream call:            usage.UpstreamStarted();
/// StreamRelay, at the first upstream token:   usage.FirstToken();
///   when the upstream's usage arrives:        usage.Tokens(input, cached, output, reasoning);
///   when the upstream answer has ended:       usage.UpstreamEnded();
/// MessagesEndpoint, in a finally:             recorder.Record(usage.Finish(status, errorType));
/// </code>
/// Not thread-safe: one request fills it on one logical flow. Each step is a few field writes.
/// </summary>
internal sealed class UsageRecordBuilder
{
    public const string SessionHeader = "X-Claude-Code-Session-Id";
    public const string AgentHeader = "x-claude-code-agent-id";

    private readonly TimeProvider _time;
    private readonly DateTimeOffset _started;
    private readonly long _startedTimestamp;
    private readonly string? _session;
    private readonly string _agent;
    private readonly string _requestedModel;
    private string? _backend, _deployment, _api;
    private long? _upstreamStarted;
    private TimeSpan? _timeToFirstToken, _upstreamTime;
    private long _input, _cached, _output, _reasoning;

    private UsageRecordBuilder(TimeProvider time, string? session, string agent, string requestedModel)
    {
        _time = time;
        _started = time.GetUtcNow();
        _startedTimestamp = time.GetTimestamp();
        _session = session;
        _agent = agent;
        _requestedModel = requestedModel;
    }

    public static UsageRecordBuilder Start(IHeaderDictionary headers, string requestedModel, TimeProvider time) =>
        new(time, HeaderValue(headers, SessionHeader), HeaderValue(headers, AgentHeader) ?? UsageRecord.MainAgent, requestedModel);

    public void Routed(string? backend, string? deployment, string? api) => (_backend, _deployment, _api) = (backend, deployment, api);

    public void UpstreamStarted() => _upstreamStarted = _time.GetTimestamp();

    /// <summary>Only the first call counts, so the relay may call it on every content event.</summary>
    public void FirstToken()
    {
        if (_timeToFirstToken is null && _upstreamStarted is { } started) _timeToFirstToken = _time.GetElapsedTime(started);
    }

    public void UpstreamEnded()
    {
        if (_upstreamStarted is { } started) _upstreamTime = _time.GetElapsedTime(started);
    }

    /// <summary>The upstream's counts: every prompt token with the cached part, every completion token with the reasoning part.</summary>
    public void Tokens(long input, long cached, long output, long reasoning) =>
        (_input, _cached, _output, _reasoning) = (input, cached, output, reasoning);

    public UsageRecord Finish(int status, string? errorType)
    {
        var total = _time.GetElapsedTime(_startedTimestamp);
        // An upstream call that never reported its end (a failure, a cut stream) lasted until now.
        var upstream = _upstreamTime ?? (_upstreamStarted is { } started ? _time.GetElapsedTime(started) : null);
        return new UsageRecord
        {
            Time = _started,
            Session = _session,
            Agent = _agent,
            RequestedModel = _requestedModel,
            Tier = ModelTiers.Of(_requestedModel),
            Backend = _backend,
            Deployment = _deployment,
            Api = _api,
            InputTokens = _input,
            CachedTokens = _cached,
            OutputTokens = _output,
            ReasoningTokens = _reasoning,
            UpstreamTime = upstream,
            TimeToFirstToken = _timeToFirstToken,
            ProxyTime = upstream is { } u ? total - u : total,
            Status = status,
            ErrorType = errorType,
        };
    }

    // Header values come from the client: cut them, so a hostile one cannot bloat the database or the aggregate.
    private static string? HeaderValue(IHeaderDictionary headers, string name) =>
        headers[name].ToString() is { Length: > 0 } value ? value[..Math.Min(value.Length, 128)] : null;
}
