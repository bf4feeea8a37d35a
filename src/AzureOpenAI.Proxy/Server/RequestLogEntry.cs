using System.Diagnostics;
using AzureOpenAI.Translation;
using Microsoft.AspNetCore.Http;

namespace AzureOpenAI.Proxy.Server;

/// <summary>What the endpoints learn about a request, logged as one line when it ends (<see cref="RequestScopeMiddleware"/>).</summary>
internal sealed class RequestLogEntry(string requestId)
{
    private static readonly object Key = new();

    public string RequestId { get; } = requestId;

    /// <summary>When the request reached the proxy (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    public long ArrivedTimestamp { get; } = Stopwatch.GetTimestamp();

    public string? RequestedModel { get; set; }
    public string? Deployment { get; set; }
    /// <summary>The backend that answered (or failed last), <c>host/deployment</c>.</summary>
    public string? Backend { get; set; }

    /// <summary>The backends left behind and why, e.g. <c>east.openai.azure.com/gpt-5-ptu 429</c>; null without failover.</summary>
    public string? Failover { get; set; }

    /// <summary>Time to the upstream's response headers; for a whole answer, to the end of its body.</summary>
    public TimeSpan? UpstreamLatency { get; set; }

    /// <summary>For a stream, the wait from the upstream's headers to its first event: neither upstream latency nor the proxy's own time.</summary>
    public TimeSpan UpstreamFirstEventWait { get; set; }

    /// <summary>The proxy's own time before its first byte (<see cref="ServerTiming"/>), once the response has started.</summary>
    public TimeSpan? ProxyTime { get; set; }

    /// <summary>True for a streamed answer (its time to the first token is known).</summary>
    public bool Streamed { get; set; }

    /// <summary>The answer's token usage once known (the upstream's, or the estimate a cut stream ended with).</summary>
    public MessageUsage? Usage { get; set; }

    /// <summary>The upstream API that answered (<c>chat</c> or <c>responses</c>).</summary>
    public string? Api { get; set; }

    /// <summary>The Anthropic error type the client got, in a body or as a stream's <c>event: error</c>.</summary>
    public string? ErrorType { get; set; }

    /// <summary>Set when the client went away: the line says so instead of a status.</summary>
    public bool ClientAborted { get; set; }

    /// <summary>The Anthropic API (<c>/v1/…</c>), as opposed to probes: only API requests get the full log line and count as overhead.</summary>
    public static bool IsApiPath(PathString path) => path.StartsWithSegments("/v1", StringComparison.Ordinal);

    public void Attach(HttpContext context) => context.Items[Key] = this;

    public static RequestLogEntry Of(HttpContext context) =>
        context.Items.TryGetValue(Key, out var entry) && entry is RequestLogEntry known ? known : new RequestLogEntry(Ids.NewRequestId());
}
