using System.Buffers;
using System.Net.ServerSentEvents;
using AzureOpenAI.Proxy.Upstream;
using AzureOpenAI.Translation.Anthropic;
using AzureOpenAI.Translation.Streaming;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace AzureOpenAI.Proxy.Server;

/// <summary>
/// Relays an upstream stream (Chat Completions or Responses, through its <see cref="IAnthropicStreamTranslator"/>) to the
/// client as Anthropic SSE, one upstream event at a time:
/// <code>
/// 1. read the next upstream data payload (SseParser: handles UTF-8 split across reads; Responses events name
///    themselves in the payload's type, so `event:` lines are not needed); REQUEST_TIMEOUT of silence fails it
/// 2. while waiting, after PingInterval of silence: write `event: ping` (only once the response has begun)
/// 3. translator.Process(payload) → bytes; write them and flush at once (the first flush sends the headers)
/// 4. at EOF: translator.Complete (message_delta, message_stop) unless it already finished
/// 5. a failure before any byte: an HTTP error; after: translator.Fail → `event: error`, and the response ends
///    (no fake message_stop). A client that went away cancels the upstream read and is logged at Debug.
/// </code>
/// </summary>
internal sealed class StreamRelay(UpstreamSuccess call, IAnthropicStreamTranslator translator, HttpContext context, ProxyState state, ILogger logger)
{
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);

    public async Task RunAsync()
    {
        try
        {
            var body = await call.Response.Content.ReadAsStreamAsync(call.Deadline.Token);
            await using (body)
            {
                await RelayAsync(body);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException)
        {
            using var failure = call.FailedReading(ex);
            if (failure.Kind == UpstreamFailureKind.ClientAborted)
            {
                RequestLogEntry.Of(context).ClientAborted = true;
                ProxyLog.ClientAborted(logger, RequestLogEntry.Of(context).RequestId);
                return;
            }
            await FailAsync(UpstreamErrors.ToAnthropic(failure, "", state.Profile!, started: true));
        }
        finally
        {
            RecordUsage();
        }
    }

    private async Task RelayAsync(Stream body)
    {
        var items = SseParser.Create(body, static (_, data) => data.ToArray()).EnumerateAsync(call.Deadline.Token);
        await using var reader = items.GetAsyncEnumerator(call.Deadline.Token);
        while (true)
        {
            var next = reader.MoveNextAsync().AsTask();
            // Step 2: keep bytes flowing while the upstream is silent (a reasoning model thinking).
            while (!next.IsCompleted && context.Response.HasStarted)
                if (!await PingIfSilentAsync(next)) break;
            if (!await next) break;
            call.Deadline.Reset();
            translator.Process(reader.Current.Data, _buffer);
            await WriteBufferAsync();
            if (translator.IsFinished) return;
        }
        if (!translator.IsFinished)
        {
            translator.Complete(_buffer);
            await WriteBufferAsync();
        }
    }

    /// <summary>Waits for <paramref name="next"/> up to the ping interval; writes a ping and returns true if it did not come.</summary>
    private async Task<bool> PingIfSilentAsync(Task<bool> next)
    {
        using var silence = new CancellationTokenSource();
        var ping = Task.Delay(state.Host.PingInterval, state.Host.TimeProvider, silence.Token);
        if (await Task.WhenAny(next, ping) != ping)
        {
            await silence.CancelAsync();
            return false;
        }
        ChatStreamTranslator.WritePing(_buffer);
        await WriteBufferAsync();
        return true;
    }

    private async Task FailAsync(AnthropicError error)
    {
        ProxyLog.UpstreamFailed(logger, RequestLogEntry.Of(context).RequestId, error.Type.WireName(), error.Message);
        if (!context.Response.HasStarted)
        {
            await AnthropicErrors.WriteAsync(context, error);
            return;
        }
        translator.Fail(error, _buffer);
        await WriteBufferAsync();
    }

    private async Task WriteBufferAsync()
    {
        if (_buffer.WrittenCount == 0) return;
        var response = context.Response;
        if (!response.HasStarted) StartEventStream(context);
        await response.Body.WriteAsync(_buffer.WrittenMemory, context.RequestAborted);
        await response.Body.FlushAsync(context.RequestAborted);
        _buffer.ResetWrittenCount();
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

    private void RecordUsage()
    {
        var entry = RequestLogEntry.Of(context);
        (entry.InputTokens, entry.OutputTokens) = translator.Usage;
    }
}
