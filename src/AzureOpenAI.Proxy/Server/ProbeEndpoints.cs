using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Proxy.Daemon;
using Microsoft.AspNetCore.Http;

namespace AzureOpenAI.Proxy.Server;

/// <summary><c>GET /health</c> and <c>HEAD</c>/<c>GET /</c>: open without the token, and free of secrets.</summary>
internal static class ProbeEndpoints
{
    // The data home this process serves, from its own environment as every verb resolves it.
    private static readonly string DataHomeDirectory = DataHome.FromProcessEnvironment().Directory;

    /// <summary>
    /// Also names this process and its data home, so the CLI recognises its own daemon when the pid file is lost, and
    /// <c>proxyOverhead</c>: the median Server-Timing <c>proxy</c> time of the last API requests (null before the
    /// first) and how many it is taken over.
    /// </summary>
    public static Task HealthAsync(HttpContext context, ProxyState state, ProxyOverheadWindow overhead) => JsonResponses.WriteAsync(context, writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("status"u8, "ok"u8);
        writer.WriteString("version"u8, ProductInfo.Version);
        writer.WriteString("provider"u8, state.ProviderName);
        writer.WriteBoolean("configured"u8, state.MissingEndpoint is null);
        writer.WriteNumber(DaemonIdentity.PidField, Environment.ProcessId);
        writer.WriteString(DaemonIdentity.DataHomeField, DataHomeDirectory);
        var (median, requests) = overhead.Median();
        writer.WriteStartObject("proxyOverhead"u8);
        if (median is { } ms) writer.WriteNumber("medianMs"u8, Math.Round(ms, 3)); else writer.WriteNull("medianMs"u8);
        writer.WriteNumber("requests"u8, requests);
        writer.WriteEndObject();
        writer.WriteEndObject();
    });

    /// <summary>Claude Code warms up with <c>HEAD /</c>; a 200 with a tiny body is harmless.</summary>
    public static Task RootAsync(HttpContext context)
    {
        if (HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            return Task.CompletedTask;
        }
        return JsonResponses.WriteAsync(context, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("name"u8, ProductInfo.Name);
            writer.WriteString("status"u8, "ok"u8);
            writer.WriteEndObject();
        });
    }
}
