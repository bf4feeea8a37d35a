using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AzureOpenAI.SideBySide;

/// <summary>
/// The fastest upstream Kestrel can be: every POST gets the same Chat Completions answer, whole or as an SSE stream
/// (when the body asks for one), after the body has been read. The last body seen is kept, so that the direct runs
/// can send exactly what the proxy sends.
/// </summary>
internal sealed class CannedUpstream : IAsyncDisposable
{
    public const int StreamChunks = 50;

    private static readonly byte[] StreamFlag = "\"stream\":true"u8.ToArray();
    private static readonly byte[] Whole = Encoding.UTF8.GetBytes(
        """{"id":"chatcmpl-bench","object":"chat.completion","created":1767225600,"model":"gpt-4o","choices":[{"index":0,"message":{"role":"assistant","content":"The answer is four."},"finish_reason":"stop"}],"usage":{"prompt_tokens":1200,"completion_tokens":6,"total_tokens":1206}}""");
    private static readonly byte[] Stream = BuildStream();

    private readonly WebApplication _app;

    private CannedUpstream(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>The last request body, whole (as the proxy sent it).</summary>
    public byte[] LastBody { get; private set; } = [];

    public static async Task<CannedUpstream> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        CannedUpstream? upstream = null;
        app.MapPost("/{**path}", async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            var bytes = body.ToArray();
            upstream!.LastBody = bytes;
            var streamed = bytes.AsSpan().IndexOf(StreamFlag) >= 0;
            context.Response.ContentType = streamed ? "text/event-stream" : "application/json";
            await context.Response.Body.WriteAsync(streamed ? Stream : Whole, context.RequestAborted);
        });
        await app.StartAsync();
        upstream = new CannedUpstream(app, new Uri(app.Urls.First()));
        return upstream;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static byte[] BuildStream()
    {
        var sse = new StringBuilder();
        const string Prefix = """data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1767225600,"model":"gpt-4o","choices":[""";
        sse.Append(Prefix).Append("""{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}""").Append("\n\n");
        for (var i = 0; i < StreamChunks; i++)
            sse.Append(Prefix).Append($$"""{"index":0,"delta":{"content":"word{{i}} "},"finish_reason":null}]}""").Append("\n\n");
        sse.Append(Prefix).Append("""{"index":0,"delta":{},"finish_reason":"stop"}]}""").Append("\n\n");
        sse.Append(Prefix).Append("""],"usage":{"prompt_tokens":1200,"completion_tokens":50,"total_tokens":1250}}""").Append("\n\n");
        sse.Append("data: [DONE]\n\n");
        return Encoding.UTF8.GetBytes(sse.ToString());
    }
}
