using Microsoft.Extensions.Logging;

namespace AzureOpenAI.Proxy.Usage;

/// <summary>At most one warning a minute about the usage database, however many writes fail.</summary>
internal sealed partial class WarningThrottle(ILogger logger, TimeProvider time)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly Lock _lock = new();
    private DateTimeOffset _next = DateTimeOffset.MinValue;

    public void Warn(string database, string problem, long droppedSoFar)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (now < _next) return;
            _next = now + Interval;
        }
        UsageNotRecorded(logger, database, problem, droppedSoFar);
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "usage records are not being written to {Database}: {Problem} ({Dropped} dropped so far; requests are not affected)")]
    private static partial void UsageNotRecorded(ILogger logger, string database, string problem, long dropped);
}
