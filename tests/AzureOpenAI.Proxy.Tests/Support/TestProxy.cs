using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Proxy.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace AzureOpenAI.Proxy.Tests.Support;

/// <summary>The real proxy on Kestrel, 127.0.0.1 and a free port, in this process.</summary>
public sealed class TestProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string? _ownUsageHome;

    private TestProxy(WebApplication app, Uri address, string? ownUsageHome)
    {
        _app = app;
        _ownUsageHome = ownUsageHome;
        Address = address;
        Http = new HttpClient { BaseAddress = address };
    }

    public Uri Address { get; }
    public HttpClient Http { get; }

    internal static async Task<TestProxy> StartAsync(ProxySettings settings, ProxyHostOptions? host = null)
    {
        // usage.db goes where the test says, else to a folder of this proxy's own: never the developer's data home.
        var options = host ?? new ProxyHostOptions();
        var ownUsageHome = options.UsageDataHome is null ? Directory.CreateTempSubdirectory("azure-openai-usage-").FullName : null;
        var app = ProxyApp.Build(settings with { Host = "127.0.0.1", Port = 0 },
            options with { ConfigureLogging = logging => logging.SetMinimumLevel(LogLevel.None), UsageDataHome = options.UsageDataHome ?? ownUsageHome });
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new TestProxy(app, ProxyApp.ListeningAddress(app), ownUsageHome);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_ownUsageHome is not null) Directory.Delete(_ownUsageHome, recursive: true);
    }
}
