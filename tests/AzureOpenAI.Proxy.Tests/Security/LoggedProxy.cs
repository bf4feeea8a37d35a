using System.Collections.Concurrent;
using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Proxy.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace AzureOpenAI.Proxy.Tests.Security;

/// <summary>The real proxy on Kestrel (127.0.0.1, a free port) with its log entries captured, at debug level.</summary>
public sealed class LoggedProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CapturedLog _log = new();
    private readonly string _usageHome = Directory.CreateTempSubdirectory("azure-openai-usage-").FullName;

    private LoggedProxy(ProxySettings settings)
    {
        _app = ProxyApp.Build(settings with { Host = "127.0.0.1", Port = 0, LogLevel = LogLevel.Debug },
            new ProxyHostOptions { ConfigureLogging = logging => logging.AddProvider(_log), UsageDataHome = _usageHome });
    }

    public Uri Address { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;

    /// <summary>Every entry so far, as "Level: message".</summary>
    public IReadOnlyCollection<string> Entries => _log.Entries;

    internal static async Task<LoggedProxy> StartAsync(ProxySettings settings)
    {
        var proxy = new LoggedProxy(settings);
        await proxy._app.StartAsync(TestContext.Current.CancellationToken);
        proxy.Address = ProxyApp.ListeningAddress(proxy._app);
        proxy.Http = new HttpClient { BaseAddress = proxy.Address };
        return proxy;
    }

    /// <summary>The first request log line containing <paramref name="text"/> (a request id, a path), written as the request ends, possibly after the client has its answer.</summary>
    public Task<string> RequestLineAsync(string text) => LineAsync(e => e.Contains(text, StringComparison.Ordinal) && e.Contains(" upstream=", StringComparison.Ordinal));

    /// <summary>The first entry, as "Level: message", that <paramref name="match"/> accepts, once it is written.</summary>
    public Task<string> LineAsync(Func<string, bool> match) => _log.WaitForAsync(match);

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Directory.Delete(_usageHome, recursive: true);
    }

    private sealed class CapturedLog : ILoggerProvider, ILogger
    {
        private readonly ConcurrentQueue<string> _entries = new();
        private readonly SemaphoreSlim _written = new(0);

        public IReadOnlyCollection<string> Entries => _entries;

        public async Task<string> WaitForAsync(Func<string, bool> match)
        {
            while (true)
            {
                if (_entries.FirstOrDefault(match) is { } found) return found;
                await _written.WaitAsync(TestContext.Current.CancellationToken);
            }
        }

        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            _entries.Enqueue($"{logLevel}: {formatter(state, exception)}");
            _written.Release();
        }

        public void Dispose() => _written.Dispose();
    }
}
