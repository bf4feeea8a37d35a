using Microsoft.AspNetCore.Http;

namespace AzureOpenAI.Proxy.Server;

/// <summary>What the endpoints learn about a request, logged as one line when it ends (<see cref="RequestScopeMiddleware"/>).</summary>
internal sealed class RequestLogEntry(string requestId)
{
    private static readonly object Key = new();

    public string RequestId { get; } = requestId;
    public string? RequestedModel { get; set; }
    public string? Deployment { get; set; }
    public TimeSpan? UpstreamLatency { get; set; }
    public int? InputTokens { get; set; }
    public int? OutputTokens { get; set; }

    /// <summary>Set when the client went away: the line says so instead of a status.</summary>
    public bool ClientAborted { get; set; }

    public void Attach(HttpContext context) => context.Items[Key] = this;

    public static RequestLogEntry Of(HttpContext context) =>
        context.Items.TryGetValue(Key, out var entry) && entry is RequestLogEntry known ? known : new RequestLogEntry(Ids.NewRequestId());
}
