using System.Diagnostics;
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
    /// <summary>Time to the upstream's response headers; for a whole answer, to the end of its body.</summary>
    public TimeSpan? UpstreamLatency { get; set; }

    /// <summary>For a stream, the wait from the upstream's headers to its first event: neither upstream latency nor the proxy's own time.</summary>
    public TimeSpan UpstreamFirstEventWait { get; set; }

    public int? InputTokens { get; set; }
    public int? OutputTokens { get; set; }

    /// <summary>Set when the client went away: the line says so instead of a status.</summary>
    public bool ClientAborted { get; set; }

    /// <summary>The Anthropic API (<c>/v1/…</c>), as opposed to probes: only API requests get the full log line and count as overhead.</summary>
    public static bool IsApiPath(PathString path) => path.StartsWithSegments("/v1", StringComparison.Ordinal);

    public void Attach(HttpContext context) => context.Items[Key] = this;

    public static RequestLogEntry Of(HttpContext context) =>
        context.Items.TryGetValue(Key, out var entry) && entry is RequestLogEntry known ? known : new RequestLogEntry(Ids.NewRequestId());
}
