namespace AzureOpenAI.Proxy.Upstream;

/// <summary>
/// The cancellation of one upstream exchange: the client's abort, or REQUEST_TIMEOUT of upstream silence (while
/// streaming it bounds silence, not the whole answer). It tells the two apart when a read is cancelled.
/// </summary>
internal sealed class UpstreamDeadline : IDisposable
{
    private readonly CancellationTokenSource _timeout;
    private readonly CancellationToken _clientAborted;

    public UpstreamDeadline(CancellationToken clientAborted, TimeSpan idleTimeout)
    {
        _clientAborted = clientAborted;
        IdleTimeout = idleTimeout;
        _timeout = CancellationTokenSource.CreateLinkedTokenSource(clientAborted);
        Reset();
    }

    public TimeSpan IdleTimeout { get; }

    /// <summary>Cancelled by the client's abort or by REQUEST_TIMEOUT of upstream silence.</summary>
    public CancellationToken Token => _timeout.Token;

    public bool ClientAborted => _clientAborted.IsCancellationRequested;

    /// <summary>Restarts the REQUEST_TIMEOUT clock (after every upstream event).</summary>
    public void Reset() => _timeout.CancelAfter(IdleTimeout);

    /// <summary>Who is to blame for an exception of a send or a read under this deadline.</summary>
    public UpstreamFailureKind Classify(Exception exception) => exception switch
    {
        _ when ClientAborted => UpstreamFailureKind.ClientAborted,
        UpstreamCredentialException => UpstreamFailureKind.Credential,
        OperationCanceledException => UpstreamFailureKind.Timeout,
        _ => UpstreamFailureKind.ConnectionFailed,
    };

    public void Dispose() => _timeout.Dispose();
}
