using AzureOpenAI.Proxy.Usage;
using Microsoft.AspNetCore.Http;

namespace AzureOpenAI.Proxy.Server;

/// <summary>
/// A finished <c>POST /v1/messages</c> as a <see cref="UsageRecord"/>, built from what the request learned on its way
/// (<see cref="RequestLogEntry"/>) by <see cref="RequestScopeMiddleware"/> once per request, whatever its outcome.
/// </summary>
internal static class UsageRecording
{
    // Header values come from the client: cut, so a hostile one cannot bloat the database or the session aggregate.
    private const int MaxHeaderChars = 128;

    /// <summary>The record, or null for anything but a Messages request whose model was known.</summary>
    public static UsageRecord? From(HttpContext context, RequestLogEntry entry, TimeSpan elapsed, DateTimeOffset now)
    {
        if (entry.RequestedModel is not { } model || !context.Request.Path.Equals("/v1/messages", StringComparison.Ordinal)) return null;
        var usage = entry.Usage.GetValueOrDefault();
        var proxy = entry.ProxyTime ?? elapsed - (entry.UpstreamLatency ?? TimeSpan.Zero);
        return new UsageRecord
        {
            Time = now - elapsed,
            Session = Header(context, ClaudeCodeHeaders.SessionId),
            Agent = Header(context, ClaudeCodeHeaders.AgentId) ?? UsageRecord.MainAgent,
            RequestedModel = model,
            Tier = ModelTiers.Of(model),
            Deployment = entry.Deployment,
            Api = entry.Api,
            // The upstream's terms: every prompt token with the cached part, every completion token with the reasoning part.
            InputTokens = usage.InputTokens + usage.CacheReadInputTokens + usage.CacheCreationInputTokens,
            CachedTokens = usage.CacheReadInputTokens,
            OutputTokens = usage.OutputTokens,
            ReasoningTokens = usage.ReasoningTokens,
            UpstreamTime = entry.UpstreamLatency is null ? null : elapsed - proxy,
            TimeToFirstToken = entry.Streamed && entry.UpstreamLatency is { } headers ? headers + entry.UpstreamFirstEventWait : null,
            ProxyTime = proxy,
            Status = entry.ClientAborted ? StatusCodes.Status499ClientClosedRequest : context.Response.StatusCode,
            ErrorType = entry.ErrorType,
        };
    }

    private static string? Header(HttpContext context, string name) =>
        context.Request.Headers[name].ToString() is { Length: > 0 } value ? value[..Math.Min(value.Length, MaxHeaderChars)] : null;
}
