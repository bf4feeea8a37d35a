using Microsoft.Extensions.Logging;

namespace AzureOpenAI.Benchmarks;

/// <summary>A logger that pays for what a real one does (the level check, formatting the line) and writes nothing.</summary>
internal sealed class DiscardingLoggerProvider : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new DiscardingLogger();

    public void Dispose()
    {
    }

    private sealed class DiscardingLogger : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            GC.KeepAlive(formatter(state, exception));
    }
}
