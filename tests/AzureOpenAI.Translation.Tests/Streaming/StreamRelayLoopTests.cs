using System.IO.Pipelines;
using System.Text;
using System.Threading.Channels;
using AzureOpenAI.TestSupport;
using AzureOpenAI.TestSupport.FakeUpstream;
using AzureOpenAI.Translation.Anthropic;
using AzureOpenAI.Translation.Streaming;
using Xunit;

namespace AzureOpenAI.Translation.Tests.Streaming;

public sealed class StreamRelayLoopTests
{
    private readonly Channel<string> _writes = Channel.CreateUnbounded<string>();
    private readonly ManualTimeProvider _time = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private StreamRelayLoop Loop(IAnthropicStreamTranslator translator) =>
        new(translator, bytes =>
        {
            _writes.Writer.TryWrite(Encoding.UTF8.GetString(bytes.Span));
            return ValueTask.CompletedTask;
        }, TimeSpan.FromSeconds(15), _time);

    private List<string> WrittenEventNames()
    {
        var names = new List<string>();
        while (_writes.Reader.TryRead(out var written)) names.AddRange(SseEvents.Parse(written).Select(e => e.Event!));
        return names;
    }

    private async Task<string?> NextWrittenEventAsync() =>
        SseEvents.Parse(await _writes.Reader.ReadAsync(Token).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Token))[0].Event;

    private Task<ManualTimer> NextArmedTimerAsync() => _time.NextArmedTimerAsync(Token).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Token);

    private static MemoryStream Upstream(params string[] events) => new(Encoding.UTF8.GetBytes(string.Concat(events)));

    [Fact]
    public async Task EventsThatArriveTogether_LeaveInOneWrite_AndEachRestartsTheIdleTimeout()
    {
        var upstreamEvents = 0;
        await Loop(StreamReplay.CreateTranslator()).RunAsync(
            Upstream(ChatSse.Role(), ChatSse.Text("Hi"), ChatSse.Finish("stop"), ChatSse.Done), () => upstreamEvents++, Token);

        var writes = new List<string>();
        while (_writes.Reader.TryRead(out var written)) writes.Add(string.Join(',', SseEvents.Parse(written).Select(e => e.Event)));
        Assert.Equal(["message_start,content_block_start,content_block_delta,content_block_stop,message_delta,message_stop"], writes);
        Assert.Equal(4, upstreamEvents);
    }

    [Fact]
    public async Task WhatIsTranslated_IsWrittenBeforeWaitingForTheNextEvent()
    {
        var upstream = new Pipe();
        var run = Loop(StreamReplay.CreateTranslator()).RunAsync(upstream.Reader.AsStream(), static () => { }, Token);

        await upstream.Writer.WriteAsync(Encoding.UTF8.GetBytes(ChatSse.Role()), Token);
        Assert.Equal("message_start", await NextWrittenEventAsync());
        await upstream.Writer.WriteAsync(Encoding.UTF8.GetBytes(ChatSse.Text("Hi")), Token);
        Assert.Equal("content_block_start", await NextWrittenEventAsync());
        await upstream.Writer.WriteAsync(Encoding.UTF8.GetBytes(ChatSse.Finish("stop") + ChatSse.Done), Token);
        await upstream.Writer.CompleteAsync();
        await run;

        Assert.Equal(["content_block_stop", "message_delta", "message_stop"], WrittenEventNames());
    }

    [Fact]
    public async Task UpstreamEventsAfterTheEnd_AreNotRead()
    {
        var upstreamEvents = 0;
        await Loop(StreamReplay.CreateTranslator()).RunAsync(
            Upstream(ChatSse.Text("Hi"), ChatSse.Done, ChatSse.Text("late")), () => upstreamEvents++, Token);

        Assert.Equal(2, upstreamEvents);
        Assert.Equal("message_stop", WrittenEventNames()[^1]);
    }

    [Fact]
    public async Task ChatEof_AfterAFinishReason_Completes_WithoutOne_Fails()
    {
        await Loop(StreamReplay.CreateTranslator()).RunAsync(Upstream(ChatSse.Text("Hi"), ChatSse.Finish("stop")), static () => { }, Token);
        Assert.Equal("message_stop", WrittenEventNames()[^1]);

        await Loop(StreamReplay.CreateTranslator()).RunAsync(Upstream(ChatSse.Text("Hi")), static () => { }, Token);
        var names = WrittenEventNames();
        Assert.Equal("error", names[^1]);
        Assert.DoesNotContain("message_stop", names);
    }

    [Fact]
    public async Task ResponsesEof_AfterTheTerminalEvent_Completes_BeforeIt_Fails()
    {
        await Loop(StreamReplay.CreateResponsesTranslator()).RunAsync(Upstream([.. ResponsesSse.TextAnswer("Hi")]), static () => { }, Token);
        Assert.Equal("message_stop", WrittenEventNames()[^1]);

        var cut = new ResponsesSse().Created().Message("msg_1", "Hi").Events;
        await Loop(StreamReplay.CreateResponsesTranslator()).RunAsync(Upstream([.. cut, ChatSse.Done]), static () => { }, Token);
        var names = WrittenEventNames();
        Assert.Equal("error", names[^1]);
        Assert.DoesNotContain("message_stop", names);
    }

    [Fact]
    public async Task SilenceAfterMessageStart_SendsAPingPerInterval_UntilTheNextEvent()
    {
        var upstream = new Pipe();
        await upstream.Writer.WriteAsync(Encoding.UTF8.GetBytes(ChatSse.Role()), Token);
        var run = Loop(StreamReplay.CreateTranslator()).RunAsync(upstream.Reader.AsStream(), static () => { }, Token);

        Assert.Equal("message_start", await NextWrittenEventAsync());
        (await NextArmedTimerAsync()).Fire();
        Assert.Equal("ping", await NextWrittenEventAsync());
        (await NextArmedTimerAsync()).Fire();
        Assert.Equal("ping", await NextWrittenEventAsync());

        await NextArmedTimerAsync();
        await upstream.Writer.WriteAsync(Encoding.UTF8.GetBytes(ChatSse.Text("Hi") + ChatSse.Finish("stop") + ChatSse.Done), Token);
        await upstream.Writer.CompleteAsync();
        await run;

        Assert.Equal(["content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop"], WrittenEventNames());
        Assert.Equal(1, _time.Created); // one timer for the stream, re-armed for each wait
    }

    [Fact]
    public async Task FailAsync_AfterAReadFailure_EndsTheStreamWithTheError()
    {
        var translator = StreamReplay.CreateTranslator();
        var loop = Loop(translator);
        await Assert.ThrowsAsync<IOException>(() => loop.RunAsync(new FailingStream(Encoding.UTF8.GetBytes(ChatSse.Text("Hi"))), static () => { }, Token));
        await loop.FailAsync(new AnthropicError(AnthropicErrorType.Api, "lost"));

        Assert.Equal(["message_start", "content_block_start", "content_block_delta", "error"], WrittenEventNames());
        Assert.Equal("lost", translator.Message.Failure?.Message);
    }

    /// <summary>Returns its bytes, then fails the next read as a dropped connection does.</summary>
    private sealed class FailingStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Position < Length ? base.ReadAsync(buffer, cancellationToken) : ValueTask.FromException<int>(new IOException("connection reset"));
    }
}
