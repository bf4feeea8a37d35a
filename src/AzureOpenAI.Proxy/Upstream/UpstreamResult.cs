using AzureOpenAI.Translation.Anthropic;
using AzureOpenAI.Translation.Mapping;

namespace AzureOpenAI.Proxy.Upstream;

/// <summary>How an upstream exchange ended: <see cref="UpstreamSuccess"/> or <see cref="UpstreamFailure"/>. Immutable.</summary>
internal abstract class UpstreamResult : IDisposable
{
    private protected UpstreamResult(IUpstreamApi api, UpstreamDeadline deadline, TimeSpan latency)
    {
        Api = api;
        Deadline = deadline;
        Latency = latency;
    }

    /// <summary>The API of the last attempt: it translates the answer, and names it in logs and usage records.</summary>
    public IUpstreamApi Api { get; }

    /// <summary>The cancellation that bounds the exchange; reading a successful answer's body uses its token.</summary>
    public UpstreamDeadline Deadline { get; }

    /// <summary>Time until the upstream's response headers (or the failure).</summary>
    public TimeSpan Latency { get; }

    public virtual void Dispose() => Deadline.Dispose();
}

/// <summary>The upstream answered 2xx; the caller reads <see cref="Response"/>'s body (streamed) with the deadline's token.</summary>
internal sealed class UpstreamSuccess(IUpstreamApi api, UpstreamRequest sent, HttpResponseMessage response, UpstreamDeadline deadline, TimeSpan latency)
    : UpstreamResult(api, deadline, latency)
{
    /// <summary>The request that was sent (after a max_tokens retry or a switch of API, the rebuilt one).</summary>
    public UpstreamRequest Sent { get; } = sent;

    public HttpResponseMessage Response { get; } = response;

    /// <summary>The failure of reading this answer's body (a timeout, a lost connection, the client gone).</summary>
    public UpstreamFailure FailedReading(Exception exception) =>
        new(Deadline.Classify(exception), Api, Deadline, Latency) { Exception = exception };

    public override void Dispose()
    {
        Response.Dispose();
        base.Dispose();
    }
}

internal enum UpstreamFailureKind
{
    /// <summary>The upstream answered with a non-success status; its body and retry headers are kept.</summary>
    HttpStatus,

    /// <summary>No answer (or, while streaming, no bytes) within REQUEST_TIMEOUT.</summary>
    Timeout,

    /// <summary>DNS, connection refused, TLS, or the connection dropped.</summary>
    ConnectionFailed,

    /// <summary>No Entra ID token: Azure.Identity found no credential, or it failed (the exception says what to do).</summary>
    Credential,

    /// <summary>The request cannot be translated for this upstream (e.g. a missing field); nothing was sent.</summary>
    Untranslatable,

    /// <summary>The client went away; not an error.</summary>
    ClientAborted,
}

/// <summary>The upstream exchange failed before a usable answer; mapped to what the client sees by <see cref="UpstreamErrors"/>.</summary>
internal sealed class UpstreamFailure(UpstreamFailureKind kind, IUpstreamApi api, UpstreamDeadline deadline, TimeSpan latency)
    : UpstreamResult(api, deadline, latency)
{
    public UpstreamFailureKind Kind { get; } = kind;

    /// <summary>The upstream's status when Kind = HttpStatus.</summary>
    public int Status { get; init; }

    /// <summary>The upstream's error body (bounded) when Kind = HttpStatus.</summary>
    public byte[] Body { get; init; } = [];

    /// <summary><c>retry-after</c> / <c>retry-after-ms</c> as the upstream sent them (forwarded on 429).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> RetryHeaders { get; init; } = [];

    public Exception? Exception { get; init; }

    /// <summary>Why the request could not be translated, when Kind = Untranslatable.</summary>
    public AnthropicError? TranslationError { get; init; }
}
