using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AzureOpenAI.Proxy.Tests.Support;

/// <summary>
/// A minimal upstream on 127.0.0.1 whose answer each test scripts, recording what the proxy sent
/// (path, headers, body) and whether the proxy cancelled the request. For wire-shape checks use the strict fake in
/// AzureOpenAI.TestSupport; this one exists to drive the proxy's own I/O paths (errors, timeouts, cancellation).
/// </summary>
public sealed class ScriptedUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ScriptedUpstream(WebApplication app, Uri address)
    {
        _app = app;
        BaseUrl = address;
    }

    public Uri BaseUrl { get; }
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();
    public TaskCompletionSource RequestAborted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task<ScriptedUpstream> StartAsync(Func<HttpContext, int, Task> respond)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        ScriptedUpstream? self = null;
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
            self!.Requests.Enqueue(new RecordedRequest(context.Request.Path + context.Request.QueryString, headers, body));
            context.RequestAborted.Register(() => self.RequestAborted.TrySetResult());
            await respond(context, self.Requests.Count);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new ScriptedUpstream(app, new Uri(address));
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record RecordedRequest(string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body);
