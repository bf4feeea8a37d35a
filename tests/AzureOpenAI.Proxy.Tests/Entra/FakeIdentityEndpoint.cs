using System.Text.Json.Nodes;
using AzureOpenAI.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AzureOpenAI.Proxy.Tests.Entra;

/// <summary>
/// The App Service managed identity endpoint (<c>IDENTITY_ENDPOINT</c> + <c>IDENTITY_HEADER</c>, api-version
/// 2019-08-01) on 127.0.0.1: <c>GET ?api-version=2019-08-01&amp;resource=R</c> with the <c>X-IDENTITY-HEADER</c>
/// secret answers <c>{"access_token","expires_on","resource","token_type","client_id"}</c>; anything else is a 400.
/// </summary>
public sealed class FakeIdentityEndpoint : IAsyncDisposable
{
    public const string Path = "/msi/token";

    private readonly WebApplication _app;
    private readonly string _accessToken;
    private readonly TimeSpan _lifetime;
    private int _tokensIssued;

    private FakeIdentityEndpoint(WebApplication app, string accessToken, TimeSpan lifetime)
    {
        _app = app;
        _accessToken = accessToken;
        _lifetime = lifetime;
    }

    /// <summary>The secret the caller must send as <c>X-IDENTITY-HEADER</c>.</summary>
    public string Secret { get; } = Guid.NewGuid().ToString("N");

    public Uri Endpoint { get; private set; } = null!;

    public int TokensIssued => Volatile.Read(ref _tokensIssued);

    /// <summary>The resource of every accepted request, in order.</summary>
    public List<string> Resources { get; } = [];

    public static async Task<FakeIdentityEndpoint> StartAsync(string accessToken, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var app = LoopbackApp.CreateBuilder().Build();
        var endpoint = new FakeIdentityEndpoint(app, accessToken, lifetime);
        app.MapGet(Path, endpoint.IssueAsync);
        await app.StartAsync(cancellationToken);
        endpoint.Endpoint = new Uri(LoopbackApp.BaseAddress(app), Path);
        return endpoint;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task IssueAsync(HttpContext context)
    {
        var query = context.Request.Query;
        if (context.Request.Headers["X-IDENTITY-HEADER"] != Secret || query["api-version"] != "2019-08-01" || query["resource"].ToString() is not { Length: > 0 } resource)
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsJsonAsync(new JsonObject { ["error"] = "invalid_request", ["error_description"] = "bad identity request" });
            return;
        }
        lock (Resources) Resources.Add(resource);
        Interlocked.Increment(ref _tokensIssued);
        var expiresOn = DateTimeOffset.UtcNow.Add(_lifetime).ToUnixTimeSeconds();
        await context.Response.WriteAsJsonAsync(new JsonObject
        {
            ["access_token"] = _accessToken,
            ["expires_on"] = expiresOn.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["resource"] = resource,
            ["token_type"] = "Bearer",
            ["client_id"] = "00000000-0000-0000-0000-000000000003",
        });
    }
}
