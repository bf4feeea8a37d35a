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
        WriteBackends(writer, state.Pools.Health());
        writer.WriteEndObject();
    });

    /// <summary>
    /// <c>"backends": [{"pool","backend","priority","dataZone","state","until","servedLastHour","shareLastHour","failoversLastHour"}]</c>: each
    /// backend in use (<c>host/deployment</c>, no key), healthy / cooling-down / circuit-open, and its share of its pool's
    /// requests in the last hour, and the requests of the last hour that failed over from it.
    /// </summary>
    private static void WriteBackends(System.Text.Json.Utf8JsonWriter writer, IReadOnlyList<Upstream.Pools.BackendHealth> backends)
    {
        writer.WriteStartArray("backends"u8);
        foreach (var backend in backends)
        {
            writer.WriteStartObject();
            writer.WriteString("pool"u8, backend.Pool);
            writer.WriteString("backend"u8, backend.Backend);
            writer.WriteNumber("priority"u8, backend.Priority);
            if (backend.DataZone is { } zone) writer.WriteString("dataZone"u8, zone);
            writer.WriteString("state"u8, backend.StateName);
            if (backend.Until is { } until) writer.WriteString("until"u8, until);
            writer.WriteNumber("servedLastHour"u8, backend.ServedLastHour);
            writer.WriteNumber("shareLastHour"u8, Math.Round(backend.ShareLastHour, 3));
            writer.WriteNumber("failoversLastHour"u8, backend.FailoversLastHour);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

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
