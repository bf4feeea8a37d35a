using System.Buffers;
using System.Net.ServerSentEvents;
using AzureOpenAI.Translation.Anthropic;

namespace AzureOpenAI.Translation.Streaming;

/// <summary>
/// The relay loop, shared by the proxy and the tests: upstream SSE bytes → <see cref="IAnthropicStreamTranslator"/> →
/// Anthropic SSE, written and flushed one upstream event at a time.
/// <code>
/// 1. parse the next event with SseParser (UTF-8 split across reads, multi-line data, comments); Responses events
///    name themselves in the payload's type, so `event:` lines are not needed
/// 2. while waiting, once message_start is out: `event: ping` after each ping interval of silence
/// 3. onUpstreamEvent (the caller restarts its idle timeout), translator.Process; what is translated is written and
///    flushed before every wait for the upstream, so events that arrived together leave in one write
/// 4. at EOF: translator.EndOfStream (a normal end only if the upstream had said it was done)
/// </code>
/// Read, write and cancellation exceptions propagate: the caller knows whom to blame, and may then
/// <see cref="FailAsync"/>. It knows nothing of HTTP; <paramref name="writeAndFlush"/> sends bytes on at once.
/// </summary>
public sealed class StreamRelayLoop(
    IAnthropicStreamTranslator translator,
    Func<ReadOnlyMemory<byte>, ValueTask> writeAndFlush,
    TimeSpan pingInterval,
    TimeProvider timeProvider)
{
    private readonly ArrayBufferWriter<byte> _output = new(4096);

    /// <summary>The current event's data, copied out of the parser's buffer (reused, so no allocation per event).</summary>
    private readonly ArrayBufferWriter<byte> _payload = new(4096);

    /// <summary>One ping timer per stream, re-armed for each wait (a timer per wait cost a timer, a delay task and a cancellation source).</summary>
    private ITimer? _pingTimer;

    /// <summary>The armed wait's signal, completed by <see cref="_pingTimer"/>; null while no wait is armed.</summary>
    private TaskCompletionSource? _pingDue;

    public async Task RunAsync(Stream upstream, Action onUpstreamEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onUpstreamEvent);
        try
        {
            var events = SseParser.Create(upstream, KeepPayload).EnumerateAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
            await using (events.ConfigureAwait(false))
            {
                while (await NextAsync(events).ConfigureAwait(false))
                {
                    onUpstreamEvent();
                    translator.Process(_payload.WrittenSpan, _output);
                    if (!translator.Message.IsFinished) continue;
                    await FlushAsync().ConfigureAwait(false);
                    return;
                }
            }
            translator.EndOfStream(_output);
            await FlushAsync().ConfigureAwait(false);
        }
        finally
        {
            _pingTimer?.Dispose();
        }
    }

    /// <summary>Ends the stream with <c>event: error</c> (after a read failure the caller has classified).</summary>
    public async ValueTask FailAsync(AnthropicError error)
    {
        translator.Message.Fail(_output, error);
        await FlushAsync().ConfigureAwait(false);
    }

    private bool KeepPayload(string eventType, ReadOnlySpan<byte> data)
    {
        _payload.ResetWrittenCount();
        _payload.Write(data);
        return true;
    }

    /// <summary>
    /// Waits for the next upstream event. A reasoning model can think for minutes in silence, so once the message has
    /// started a ping goes out after each ping interval without an event, keeping clients and proxies from timing out.
    /// </summary>
    private async ValueTask<bool> NextAsync(IAsyncEnumerator<SseItem<bool>> events)
    {
        var next = events.MoveNextAsync();
        // Events the upstream sent together go out in one write; what is translated is sent before any wait.
        if (next.IsCompleted) return await next.ConfigureAwait(false);
        await FlushAsync().ConfigureAwait(false);
        if (!translator.Message.HasStarted) return await next.ConfigureAwait(false);

        var pending = next.AsTask();
        while (await Task.WhenAny(pending, ArmPing()).ConfigureAwait(false) != pending)
        {
            translator.Message.Ping(_output);
            await FlushAsync().ConfigureAwait(false);
        }
        Volatile.Write(ref _pingDue, null);
        _pingTimer!.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        return await pending.ConfigureAwait(false);
    }

    /// <summary>
    /// A signal that completes after one ping interval. Each arming has its own, so a timer callback that was already
    /// running as a wait ended completes a signal no one waits for (at worst, if it runs only once the next wait is
    /// armed, that wait pings early: a ping is harmless at any time).
    /// </summary>
    private Task ArmPing()
    {
        var due = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _pingDue, due);
        _pingTimer ??= timeProvider.CreateTimer(static loop => Volatile.Read(ref ((StreamRelayLoop)loop!)._pingDue)?.TrySetResult(), this,
            Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _pingTimer.Change(pingInterval, Timeout.InfiniteTimeSpan);
        return due.Task;
    }

    private async ValueTask FlushAsync()
    {
        if (_output.WrittenCount == 0) return;
        try
        {
            await writeAndFlush(_output.WrittenMemory).ConfigureAwait(false);
        }
        finally
        {
            _output.ResetWrittenCount();
        }
    }
}
