namespace AzureOpenAI.Proxy.Upstream;

/// <summary>How an upstream call ended, so that the caller blames the right side (mapped to statuses in one place: Server/UpstreamErrors).</summary>
internal enum UpstreamFailure
{
    None,

    /// <summary>The upstream answered with a non-success status; its body and retry headers are kept.</summary>
    HttpStatus,

    /// <summary>No answer (or, while streaming, no bytes) within REQUEST_TIMEOUT.</summary>
    Timeout,

    /// <summary>DNS, connection refused, TLS, or the connection dropped.</summary>
    ConnectionFailed,

    /// <summary>No Entra ID token: Azure.Identity found no credential, or it failed (the exception says what to do).</summary>
    Credential,

    /// <summary>The client went away; not an error.</summary>
    ClientAborted,
}
