using AzureOpenAI.Proxy.Tests.Support;
using AzureOpenAI.TestSupport.FakeUpstream;

namespace AzureOpenAI.Proxy.Tests.Fuzz;

/// <summary>One real proxy in front of one strict fake upstream, shared by a test class (starting Kestrel per case would dominate).</summary>
public sealed class ProxyBehindFakeUpstream : IAsyncLifetime
{
    private FakeUpstreamServer? _upstream;
    private TestProxy? _proxy;

    public FakeUpstreamServer Upstream => _upstream ?? throw new InvalidOperationException("not started");
    public HttpClient Http => (_proxy ?? throw new InvalidOperationException("not started")).Http;

    public async ValueTask InitializeAsync()
    {
        _upstream = await FakeUpstreamServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        _proxy = await TestProxy.StartAsync(FakeUpstreamSettings.Azure(_upstream));
    }

    public async ValueTask DisposeAsync()
    {
        if (_proxy is not null) await _proxy.DisposeAsync();
        if (_upstream is not null) await _upstream.DisposeAsync();
    }
}
