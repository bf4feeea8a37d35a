using Microsoft.AspNetCore.Http;

namespace AzureOpenAI.Proxy.Server;

/// <summary>What the endpoints learn about a request, logged as one line when it ends (<see cref="RequestScopeMiddleware"/>).</summary>
internal sealed class RequestLogEntry(string requestId)
{
    private static readonly object Key = new();

    public string RequestId { get; } = requestId;
    public string? RequestedModel { get; set; }
    public string? Deployment { get; set; }

    /// <summary>The backend that answered (or failed last), <c>host/deployment</c>.</summary>
    public string? Backend { get; set; }

    /// <summary>The backends left behind and why, e.g. <c>east.openai.azure.com/gpt-5-ptu 429</c>; null without failover.</summary>
    public string? Failover { get; set; }
    public TimeSpan? UpstreamLatency { get; set; }
    public int? InputTokens { get; set; }
    public int? OutputTokens { get; set; }

    /// <summary>Set when the client went away: the line says so instead of a status.</summary>
    public bool ClientAborted { get; set; }

    public void Attach(HttpContext context) => context.Items[Key] = this;

    public static RequestLogEntry Of(HttpContext context) =>
        context.Items.TryGetValue(Key, out var entry) && entry is RequestLogEntry known ? known : new RequestLogEntry(Ids.NewRequestId());
}
