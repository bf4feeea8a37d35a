// A fake front door on loopback (real Kestrel) before a strict FakeUpstreamServer: it admits or refuses each request by
// its policy (IFrontDoorPolicy) and forwards what it admits, body and answer streamed through unchanged, with the
// policy's own headers added to the answer. The policies are what the proxy meets in front of Azure OpenAI:
//   ApimFrontDoorPolicy   Azure API Management: a path prefix, Ocp-Apim-Subscription-Key, APIM's 401/404/429/403 shapes
//   TpmFrontDoorPolicy    Azure Standard tokens-per-minute accounting: prompt + reservation per minute, 429 + retry-after-ms
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AzureOpenAI.TestSupport.FakeUpstream;

/// <summary>A request as the front door saw it.</summary>
public sealed record FrontDoorRequest(string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public JsonNode? Json => Body.Length == 0 ? null : JsonNode.Parse(Body);
}

/// <summary>What the front door does with a request.</summary>
public abstract record FrontDoorVerdict
{
    private FrontDoorVerdict() { }

    /// <summary>Answers itself: a status, a JSON body and headers.</summary>
    public sealed record Refuse(int Status, JsonNode Body, IReadOnlyDictionary<string, string> Headers) : FrontDoorVerdict;

    /// <summary>Sends the request on to <paramref name="PathBehind"/> of the upstream, with <paramref name="RequestHeaders"/> added.</summary>
    public sealed record Forward(string PathBehind, IReadOnlyDictionary<string, string> RequestHeaders, IReadOnlyDictionary<string, string> ResponseHeaders)
        : FrontDoorVerdict;
}

public interface IFrontDoorPolicy
{
    FrontDoorVerdict Admit(FrontDoorRequest request);
}

public sealed class FrontDoorServer : IAsyncDisposable
{
    /// <summary>Headers a front door does not pass on: the credentials (a policy sets the backend's), and what HttpClient sets.</summary>
    private static readonly string[] NotForwarded = ["host", "content-length", "content-type", "connection", "transfer-encoding",
        ApimFrontDoorPolicy.SubscriptionKeyHeader, "api-key"];

    private readonly WebApplication _app;
    private readonly HttpClient _behind;
    private readonly IFrontDoorPolicy _policy;
    private readonly List<FrontDoorRequest> _requests = [];

    private FrontDoorServer(WebApplication app, FakeUpstreamServer behind, IFrontDoorPolicy policy)
    {
        _app = app;
        _policy = policy;
        _behind = new HttpClient { BaseAddress = behind.BaseUri, Timeout = Timeout.InfiniteTimeSpan };
    }

    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Every request that reached the front door, admitted or not.</summary>
    public IReadOnlyList<FrontDoorRequest> Requests
    {
        get { lock (_requests) return [.. _requests]; }
    }

    public static async Task<FrontDoorServer> StartAsync(FakeUpstreamServer behind, IFrontDoorPolicy policy)
    {
        var app = LoopbackApp.CreateBuilder().Build();
        var server = new FrontDoorServer(app, behind, policy);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.BaseUri = LoopbackApp.BaseAddress(app);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        _behind.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = new FrontDoorRequest(context.Request.Path.Value + context.Request.QueryString.Value, headers, body);
        lock (_requests) _requests.Add(request);
        switch (_policy.Admit(request))
        {
            case FrontDoorVerdict.Refuse refuse:
                context.Response.StatusCode = refuse.Status;
                context.Response.ContentType = "application/json";
                foreach (var (name, value) in refuse.Headers) context.Response.Headers[name] = value;
                await context.Response.WriteAsync(refuse.Body.ToJsonString(), context.RequestAborted);
                break;
            case FrontDoorVerdict.Forward forward:
                await ForwardAsync(context, request, forward);
                break;
        }
    }

    private async Task ForwardAsync(HttpContext context, FrontDoorRequest request, FrontDoorVerdict.Forward forward)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, forward.PathBehind.TrimStart('/'))
        {
            Content = new StringContent(request.Body, Encoding.UTF8, "application/json"),
        };
        foreach (var (name, value) in request.Headers)
            if (!NotForwarded.Contains(name.ToLowerInvariant())) message.Headers.TryAddWithoutValidation(name, value);
        foreach (var (name, value) in forward.RequestHeaders) message.Headers.TryAddWithoutValidation(name, value);
        using var answer = await _behind.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        context.Response.StatusCode = (int)answer.StatusCode;
        context.Response.ContentType = answer.Content.Headers.ContentType?.ToString();
        foreach (var (name, value) in forward.ResponseHeaders) context.Response.Headers[name] = value;
        await using var stream = await answer.Content.ReadAsStreamAsync(context.RequestAborted);
        var buffer = new byte[8192];
        int read;
        while ((read = await stream.ReadAsync(buffer, context.RequestAborted)) > 0)
        {
            await context.Response.Body.WriteAsync(buffer.AsMemory(0, read), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
    }
}
