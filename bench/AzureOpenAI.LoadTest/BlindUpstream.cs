using System.Text;
using System.Text.Json;
using AzureOpenAI.TestSupport;
using AzureOpenAI.TestSupport.FakeUpstream;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AzureOpenAI.LoadTest;

/// <summary>
/// The soak's upstream: every POST gets the same Chat Completions answer, streamed when the body asks for it, built
/// from the strict fake's own bodies. Unlike <see cref="FakeUpstreamServer"/> it keeps nothing: the strict fake records
/// every request for the tests' assertions, which over a long soak would grow this process by gigabytes.
/// </summary>
internal sealed class BlindUpstream : IAsyncDisposable
{
    public const string ApiKey = "soak-upstream-key";

    private static readonly byte[] StreamedAnswer = Encoding.UTF8.GetBytes(string.Concat(
        ChatSse.TextAnswer(string.Join(' ', Enumerable.Range(0, 50).Select(i => $"word{i}")))));
    private static readonly byte[] WholeAnswer = Encoding.UTF8.GetBytes(ChatCompletionBodies.Text("Hello from the soak upstream.").ToJsonString());

    private readonly WebApplication _app;

    private BlindUpstream(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    public static async Task<BlindUpstream> StartAsync()
    {
        var app = LoopbackApp.CreateBuilder().Build();
        app.Run(AnswerAsync);
        await app.StartAsync();
        return new BlindUpstream(app, LoopbackApp.BaseAddress(app));
    }

    private static async Task AnswerAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var streamed = AsksForStream(body.GetBuffer().AsSpan(0, (int)body.Length));
        context.Response.ContentType = streamed ? "text/event-stream" : "application/json";
        await context.Response.Body.WriteAsync(streamed ? StreamedAnswer : WholeAnswer, context.RequestAborted);
    }

    private static bool AsksForStream(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
            if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("stream"u8))
                return reader.Read() && reader.TokenType == JsonTokenType.True;
        return false;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
