using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Proxy.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace AzureOpenAI.Proxy.Tests.Support;

/// <summary>The real proxy on Kestrel, 127.0.0.1 and a free port, in this process.</summary>
public sealed class TestProxy : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestProxy(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        Http = new HttpClient { BaseAddress = address };
    }

    public Uri Address { get; }
    public HttpClient Http { get; }

    internal static async Task<TestProxy> StartAsync(ProxySettings settings, ProxyHostOptions? host = null)
    {
        var app = ProxyApp.Build(settings with { Host = "127.0.0.1", Port = 0 },
            (host ?? new ProxyHostOptions()) with { ConfigureLogging = logging => logging.SetMinimumLevel(LogLevel.None) });
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new TestProxy(app, ProxyApp.ListeningAddress(app));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
