using Microsoft.AspNetCore.Http;

namespace AzureOpenAI.Proxy.Telemetry;

/// <summary>
/// Opens the span of a <c>POST /v1/messages</c> around the whole envelope, so that the request's usage record, made in
/// the envelope's last step, still finds it current (<see cref="ProxyTracing.Complete"/>). Registered only with tracing.
/// </summary>
internal sealed class ChatSpanMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.Path.Equals("/v1/messages", StringComparison.Ordinal))
        {
            await next(context);
            return;
        }
        using var activity = ProxyTracing.StartChat();
        await next(context);
    }
}
