using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace AzureOpenAI.Proxy.Server;

/// <summary>
/// The standard <c>Server-Timing</c> header on every response, set as the response starts (the last moment headers
/// can change): <c>upstream;dur=</c> the upstream's time to its response headers (for a whole answer, to the end of
/// its body; 0 when none was called) and <c>proxy;dur=</c> the proxy's own time before its first byte, which is the
/// time since the request arrived less every wait on the upstream. API requests' proxy time feeds
/// <see cref="ProxyOverheadWindow"/>.
/// </summary>
internal sealed class ServerTiming
{
    public const string HeaderName = "Server-Timing";

    private readonly ProxyOverheadWindow _overhead;
    private readonly Func<object, Task> _onStarting; // one delegate for every request

    public ServerTiming(ProxyOverheadWindow overhead)
    {
        _overhead = overhead;
        _onStarting = state => SetHeader((HttpContext)state);
    }

    public void SetOnStart(HttpContext context) => context.Response.OnStarting(_onStarting, context);

    internal static string Format(TimeSpan upstream, TimeSpan proxy) =>
        string.Create(CultureInfo.InvariantCulture, $"upstream;dur={upstream.TotalMilliseconds:0.0#}, proxy;dur={proxy.TotalMilliseconds:0.0#}");

    private Task SetHeader(HttpContext context)
    {
        var entry = RequestLogEntry.Of(context);
        var upstream = entry.UpstreamLatency ?? TimeSpan.Zero;
        var proxy = Stopwatch.GetElapsedTime(entry.ArrivedTimestamp) - upstream - entry.UpstreamFirstEventWait;
        if (proxy < TimeSpan.Zero) proxy = TimeSpan.Zero;
        entry.ProxyTime = proxy;
        context.Response.Headers[HeaderName] = Format(upstream, proxy);
        if (RequestLogEntry.IsApiPath(context.Request.Path)) _overhead.Record(proxy);
        return Task.CompletedTask;
    }
}
