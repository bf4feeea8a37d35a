using System.Diagnostics;
using AzureOpenAI.Proxy.Upstream;
using AzureOpenAI.Translation.Anthropic;
using AzureOpenAI.Translation.Streaming;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace AzureOpenAI.Proxy.Server;

/// <summary>
/// Relays an upstream stream to the client through <see cref="StreamRelayLoop"/> (which reads, translates, pings and
/// handles the end of the stream) and adds the HTTP side:
/// <code>
/// - the first write starts the response as an unbuffered event stream (headers go out with the first flush)
/// - each upstream event restarts REQUEST_TIMEOUT, so it bounds silence, not the whole answer
/// - the wait for the first event is the upstream's time, not the proxy's (Server-Timing)
/// - a failure before message_start: an HTTP error; after: `event: error`, and the response ends (no fake message_stop)
/// - a client that went away cancels the upstream read and is logged at Debug; a failed stream at Warning
/// </code>
/// </summary>
internal sealed class StreamRelay(UpstreamSuccess call, IAnthropicStreamTranslator translator, HttpContext context, ProxyState state, ILogger logger)
{
    public async Task RunAsync()
    {
        var loop = new StreamRelayLoop(translator, WriteAsync, state.Host.PingInterval, state.Host.TimeProvider);
        var waitingSince = Stopwatch.GetTimestamp();
        var entry = RequestLogEntry.Of(context);
        void OnUpstreamEvent()
        {
            if (waitingSince != 0) entry.UpstreamFirstEventWait = Stopwatch.GetElapsedTime(waitingSince);
            waitingSince = 0;
            call.Deadline.Reset();
        }
        try
        {
            var body = await call.Response.Content.ReadAsStreamAsync(call.Deadline.Token);
            await using (body)
            {
                await loop.RunAsync(body, OnUpstreamEvent, call.Deadline.Token);
            }
            if (translator.Message.Failure is { } failure) LogFailure(failure);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException)
        {
            using var failure = call.FailedReading(ex);
            if (failure.Kind == UpstreamFailureKind.ClientAborted)
            {
                entry.ClientAborted = true;
                ProxyLog.ClientAborted(logger, entry.RequestId);
                return;
            }
            await FailAsync(loop, UpstreamErrors.ToAnthropic(failure, entry.Deployment ?? "", state.Profile!, started: true));
        }
        finally
        {
            entry.Usage = translator.Message.Usage;
        }
    }

    private async Task FailAsync(StreamRelayLoop loop, AnthropicError error)
    {
        LogFailure(error);
        if (context.Response.HasStarted) await loop.FailAsync(error);
        else await AnthropicErrors.WriteAsync(context, error);
    }

    private void LogFailure(AnthropicError error)
    {
        var entry = RequestLogEntry.Of(context);
        entry.ErrorType = error.Type.WireName();
        ProxyLog.UpstreamFailed(logger, entry.RequestId, entry.ErrorType, error.Message);
    }

    private async ValueTask WriteAsync(ReadOnlyMemory<byte> events)
    {
        var response = context.Response;
        if (!response.HasStarted)
        {
            // A stream that fails before message_start (an error event first, or nothing at all) is an HTTP error,
            // which clients read and retry as they would Anthropic's own.
            if (translator.Message is { HasStarted: false, Failure: { } failure } message)
            {
                await AnthropicErrors.WriteAsync(context,
                    message.EndedEarly ? UpstreamErrors.Unusable(state.Profile!, "its event stream ended without an answer") : failure);
                return;
            }
            StartEventStream(context);
        }
        await response.Body.WriteAsync(events, context.RequestAborted);
        await response.Body.FlushAsync(context.RequestAborted);
    }

    private static void StartEventStream(HttpContext context)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers.ContentEncoding = "identity";
        response.Headers["x-accel-buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
    }
}
