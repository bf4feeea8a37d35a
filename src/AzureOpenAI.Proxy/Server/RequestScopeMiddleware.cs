using System.Diagnostics;
using AzureOpenAI.Translation.Anthropic;
using AzureOpenAI.Proxy.Telemetry;
using AzureOpenAI.Proxy.Usage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AzureOpenAI.Proxy.Server;

/// <summary>
/// The envelope of every request: a <c>request-id: req_…</c> header, a barrier that turns any exception into an
/// Anthropic <c>api_error</c> (never a stack trace in a body), the <c>Server-Timing</c> header (<see cref="ServerTiming"/>),
/// one log line and, for a Messages request, one usage record (<see cref="UsageRecording"/>) when the request ends. A client that
/// went away (cancelled reads, or the reset connection's IOException) is no error of ours.
/// </summary>
internal sealed class RequestScopeMiddleware(RequestDelegate next, ILoggerFactory loggers, ServerTiming timing, UsageRecorder usage, ProxyState state)
{
    private readonly ILogger _logger = loggers.CreateLogger(ProductInfo.Name);

    public async Task InvokeAsync(HttpContext context)
    {
        var entry = new RequestLogEntry(Ids.NewRequestId());
        entry.Attach(context);
        context.Response.Headers["request-id"] = entry.RequestId;
        timing.SetOnStart(context);
        try
        {
            await next(context);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException && context.RequestAborted.IsCancellationRequested)
        {
            entry.ClientAborted = true;
            ProxyLog.ClientAborted(_logger, entry.RequestId);
        }
        catch (Exception ex)
        {
            ProxyLog.Unhandled(_logger, ex, entry.RequestId);
            if (context.Response.HasStarted)
                context.Abort(); // a truncated answer must not look complete
            else
            {
                context.Response.Clear();
                context.Response.Headers["request-id"] = entry.RequestId;
                await AnthropicErrors.WriteAsync(context, AnthropicErrorType.Api,
                    $"internal error in the azure-openai proxy ({ex.GetType().Name}); see its log for {entry.RequestId}");
            }
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(entry.ArrivedTimestamp);
            Log(context, entry, elapsed);
            if (UsageRecording.From(context, entry, elapsed, state.Host.TimeProvider.GetUtcNow()) is { } record)
            {
                usage.Record(record);
                ProxyMetrics.Record(record, state.Profile?.Kind);
            }
        }
    }

    private void Log(HttpContext context, RequestLogEntry entry, TimeSpan elapsed)
    {
        var request = context.Request;
        if (!RequestLogEntry.IsApiPath(request.Path))
        {
            ProxyLog.Probe(_logger, entry.RequestId, request.Method, request.Path, context.Response.StatusCode);
            return;
        }
        ProxyLog.Request(_logger, entry.RequestId, request.Method, request.Path,
            entry.RequestedModel ?? "-", entry.Deployment ?? "-",
            entry.ClientAborted ? "client-aborted" : context.Response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
            (long)(entry.UpstreamLatency?.TotalMilliseconds ?? 0), (long)elapsed.TotalMilliseconds,
            Format(entry.Usage?.InputTokens), Format(entry.Usage?.OutputTokens));
        if (entry.Failover is { } failover) ProxyLog.Failover(_logger, entry.RequestId, failover, entry.Backend ?? "-");
    }

    private static string Format(int? tokens) => tokens?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-";
}
