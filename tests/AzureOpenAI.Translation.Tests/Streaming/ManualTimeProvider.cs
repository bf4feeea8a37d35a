using System.Threading.Channels;

namespace AzureOpenAI.Translation.Tests.Streaming;

/// <summary>A <see cref="TimeProvider"/> whose timers fire only when the test fires them, and which hands each new timer to the test.</summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private readonly Channel<ManualTimer> _created = Channel.CreateUnbounded<ManualTimer>();

    /// <summary>Waits until the code under test creates its next timer (e.g. starts waiting for a ping interval).</summary>
    public ValueTask<ManualTimer> NextTimerAsync(CancellationToken cancellationToken) => _created.Reader.ReadAsync(cancellationToken);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(callback, state);
        _created.Writer.TryWrite(timer);
        return timer;
    }
}

internal sealed class ManualTimer(TimerCallback callback, object? state) : ITimer
{
    public void Fire() => callback(state);

    public bool Change(TimeSpan dueTime, TimeSpan period) => true;

    public void Dispose()
    {
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
