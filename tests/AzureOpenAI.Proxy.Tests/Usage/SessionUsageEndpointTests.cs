using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Proxy.Server;
using AzureOpenAI.Proxy.Usage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AzureOpenAI.Proxy.Tests.Usage;

/// <summary><c>GET /azure-openai/session/{id}</c> on the real Kestrel app, fed through the DI-registered recorder.</summary>
public sealed class SessionUsageEndpointTests : IAsyncLifetime
{
    private const string Token = "local-token";
    private readonly Lifecycle.TempFolder _dataHome = new();
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    public async ValueTask InitializeAsync()
    {
        var settings = new ProxySettings
        {
            Host = "127.0.0.1", Port = 0, ProxyAuthToken = Token, BigModel = "gpt-5", MiddleModel = "gpt-4.1", SmallModel = "gpt-4o-mini",
            BudgetDailyUsd = 0.02m,
        };
        _app = ProxyApp.Build(settings, new ProxyHostOptions
        {
            UsageDataHome = _dataHome.Path,
            ConfigureLogging = l => l.SetMinimumLevel(LogLevel.None),
        });
        await _app.StartAsync(TestContext.Current.CancellationToken);
        _http = new HttpClient { BaseAddress = ProxyApp.ListeningAddress(_app) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync(TestContext.Current.CancellationToken);
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dataHome.Dispose();
    }

    [Fact]
    public async Task ASessionsTotals_ComeFromTheRecorder_WithTheDeploymentOfTheAskedModel()
    {
        var recorder = _app.Services.GetRequiredService<UsageRecorder>();
        recorder.Record(Records.Make(session: "s-1", input: 10_000, cached: 8_000, output: 500));
        recorder.Record(Records.Make(session: "s-1", input: 10_000, cached: 9_000, output: 500));
        recorder.Record(Records.Make(session: "s-2"));

        using var json = await GetAsync("/azure-openai/session/s-1?model=claude-haiku-4-5");

        var root = json.RootElement;
        Assert.True(root.GetProperty("known").GetBoolean());
        Assert.Equal("gpt-4o-mini", root.GetProperty("deployment").GetString());
        Assert.Equal(2, root.GetProperty("requests").GetInt64());
        Assert.Equal(0.85, root.GetProperty("cacheHitRate").GetDouble());
        Assert.Equal(0.015875m, root.GetProperty("costUsd").GetDecimal()); // (3k × $1.25 + 17k × $0.125 + 1k × $10) per million
        // The machine's daily budget of $0.02 holds all three records: $0.015875 + $0.0085 is over it.
        Assert.Equal("over", root.GetProperty("budget").GetProperty("level").GetString());
        Assert.Equal("daily", root.GetProperty("budget").GetProperty("name").GetString());
    }

    [Fact]
    public async Task AnUnknownSession_AnswersZeros_AndTheDeploymentItsModelRoutesTo()
    {
        using var json = await GetAsync("/azure-openai/session/unknown?model=claude-opus-4-5");

        Assert.False(json.RootElement.GetProperty("known").GetBoolean());
        Assert.Equal("gpt-5", json.RootElement.GetProperty("deployment").GetString());
        Assert.Equal(0, json.RootElement.GetProperty("requests").GetInt64());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("cacheHitRate").ValueKind);
    }

    [Fact]
    public async Task WithoutTheClientToken_ItIsRefused()
    {
        using var anonymous = new HttpClient { BaseAddress = _http.BaseAddress };

        using var response = await anonymous.GetAsync(new Uri("/azure-openai/session/s-1", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<JsonDocument> GetAsync(string path)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
