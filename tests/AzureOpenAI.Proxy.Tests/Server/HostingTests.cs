using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Proxy.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace AzureOpenAI.Proxy.Tests.Server;

/// <summary>The host around the endpoints watches no configuration file (a recursive watcher on its folder would wake it on every write there).</summary>
public sealed class HostingTests : IAsyncLifetime
{
    private readonly string _usageHome = Directory.CreateTempSubdirectory("azure-openai-hosting-").FullName;
    private WebApplication _app = null!;

    public ValueTask InitializeAsync()
    {
        _app = ProxyApp.Build(new ProxySettings { Host = "127.0.0.1", Port = 0 }, new ProxyHostOptions { UsageDataHome = _usageHome });
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        Directory.Delete(_usageHome, recursive: true);
    }

    [Fact]
    public void NoConfigurationFile_IsWatched()
    {
        var files = ((IConfigurationRoot)_app.Configuration).Providers.OfType<FileConfigurationProvider>().ToList();
        Assert.NotEmpty(files); // appsettings.json is still looked for, once
        Assert.All(files, file => Assert.False(file.Source.ReloadOnChange, file.Source.Path));
    }
}
