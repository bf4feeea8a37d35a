using AzureOpenAI.Translation.Mapping;

namespace AzureOpenAI.Proxy.Upstream;

/// <summary>
/// One request to the upstream: its outcome and, on success, the response whose body the caller reads (streamed).
/// It owns the response and the cancellation source that carries REQUEST_TIMEOUT and the client's abort.
/// </summary>
internal sealed class UpstreamCall : IDisposable
{
    private readonly CancellationTokenSource _timeout;
    private readonly CancellationToken _clientAborted;
    private readonly TimeSpan _idleTimeout;

    internal UpstreamCall(CancellationTokenSource timeout, CancellationToken clientAborted, TimeSpan idleTimeout, ApiStyle api, UpstreamRequest translation)
    {
        _timeout = timeout;
        _clientAborted = clientAborted;
        _idleTimeout = idleTimeout;
        Api = api;
        Translation = translation;
    }

    public UpstreamFailure Failure { get; internal set; }

    /// <summary>The successful response (Failure = None); its body is read with <see cref="Token"/>.</summary>
    public HttpResponseMessage? Response { get; internal set; }

    /// <summary>The upstream's status and body when Failure = HttpStatus.</summary>
    public int ErrorStatus { get; internal set; }

    public byte[] ErrorBody { get; internal set; } = [];

    /// <summary><c>retry-after</c> / <c>retry-after-ms</c> as the upstream sent them (forwarded on 429).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> RetryHeaders { get; internal set; } = [];

    public Exception? Exception { get; internal set; }

    /// <summary>The API the last request went to (Chat or Responses), which decides how the answer is translated.</summary>
    public ApiStyle Api { get; internal set; }

    /// <summary>The translation that was sent last (after a max_tokens retry or a switch to Responses, the rebuilt one).</summary>
    public UpstreamRequest Translation { get; internal set; }

    /// <summary>Time until the upstream's response headers.</summary>
    public TimeSpan Latency { get; internal set; }

    /// <summary>Cancelled by the client's abort or by REQUEST_TIMEOUT of upstream silence.</summary>
    public CancellationToken Token => _timeout.Token;

    public bool ClientAborted => _clientAborted.IsCancellationRequested;

    /// <summary>Restarts the REQUEST_TIMEOUT clock: while streaming it bounds silence, not the whole answer.</summary>
    public void ResetTimeout() => _timeout.CancelAfter(_idleTimeout);

    public void Dispose()
    {
        Response?.Dispose();
        _timeout.Dispose();
    }
}
