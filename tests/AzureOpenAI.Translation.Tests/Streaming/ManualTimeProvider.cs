using System.Threading.Channels;

namespace AzureOpenAI.Translation.Tests.Streaming;

/// <summary>A <see cref="TimeProvider"/> whose timers fire only when the test fires them, and which hands each timer to the test whenever it is armed.</summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private readonly Channel<ManualTimer> _armed = Channel.CreateUnbounded<ManualTimer>();

    /// <summary>Waits until the code under test next arms a timer (e.g. starts waiting for a ping interval).</summary>
    public ValueTask<ManualTimer> NextArmedTimerAsync(CancellationToken cancellationToken) => _armed.Reader.ReadAsync(cancellationToken);

    /// <summary>How many timers the code under test created.</summary>
    public int Created { get; private set; }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Created++;
        var timer = new ManualTimer(callback, state, this);
        timer.Change(dueTime, period);
        return timer;
    }

    internal void Armed(ManualTimer timer) => _armed.Writer.TryWrite(timer);
}

internal sealed class ManualTimer(TimerCallback callback, object? state, ManualTimeProvider time) : ITimer
{
    public void Fire() => callback(state);

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan) time.Armed(this);
        return true;
    }

    public void Dispose()
    {
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
