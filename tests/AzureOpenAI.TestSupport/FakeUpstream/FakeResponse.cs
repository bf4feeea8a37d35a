using System.Text.Json.Nodes;

namespace AzureOpenAI.TestSupport.FakeUpstream;

/// <summary>One scripted answer, consumed by the next request that passes the strict checks (rejections consume nothing).</summary>
public abstract record FakeResponse
{
    private FakeResponse() { }

    /// <summary>Extra response headers (e.g. <c>retry-after</c>, <c>apim-request-id</c>).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>A JSON body with a status (a chat.completion, or an error of any shape).</summary>
    public static FakeResponse Json(JsonNode body, int status = 200, IReadOnlyDictionary<string, string>? headers = null) =>
        new JsonBody(status, body) { Headers = headers ?? new Dictionary<string, string>() };

    /// <summary>An error in OpenAI's shape (<c>{"error":{"message","type","param","code"}}</c>).</summary>
    public static FakeResponse Error(int status, string message, string? type = "invalid_request_error", string? param = null, string? code = null,
        IReadOnlyDictionary<string, string>? headers = null) =>
        Json(UpstreamError.OpenAI(status, message, type, param, code).Body, status, headers);

    /// <summary>Azure's 429: string code "429", the real message, and <c>retry-after</c> plus <c>retry-after-ms</c> headers.</summary>
    public static FakeResponse RateLimited(int retryAfterSeconds = 1) =>
        Json(UpstreamError.Azure(429, "429",
                "Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded token rate limit of your current pricing tier. " +
                $"Please retry after {retryAfterSeconds} seconds.").Body,
            429,
            new Dictionary<string, string> { ["retry-after"] = $"{retryAfterSeconds}", ["retry-after-ms"] = $"{retryAfterSeconds * 1000}" });

    /// <summary>An SSE stream: each chunk is written as given (raw text, e.g. from <see cref="ChatSse"/>) and flushed.</summary>
    public static FakeResponse Stream(IEnumerable<string> chunks) => new SseStream([.. chunks.Select(c => new StreamStep.Send(c))]);

    /// <summary>An SSE stream built step by step: chunks, gates, then an end, a hang or an abort.</summary>
    public static FakeResponse Stream(Func<StreamScript, StreamScript> script) => new SseStream(script(new StreamScript()).Steps);

    /// <summary>Any body with any content type, as a misconfigured gateway or a captive portal answers (an HTML page with 200).</summary>
    public static FakeResponse Raw(int status, string contentType, string body) => new RawBody(status, contentType, body);

    /// <summary>Sends no status or byte and waits until the client cancels (for timeouts and cancellation).</summary>
    public static FakeResponse HangUntilCancelled() => new Hang();

    /// <summary>Resets the connection before any status or byte is sent (a dropped connection, as a retry should see it).</summary>
    public static FakeResponse ResetConnection() => new Reset();

    internal sealed record JsonBody(int Status, JsonNode Body) : FakeResponse;

    internal sealed record SseStream(IReadOnlyList<StreamStep> Steps) : FakeResponse;

    internal sealed record RawBody(int Status, string ContentType, string Body) : FakeResponse;

    internal sealed record Hang : FakeResponse;

    internal sealed record Reset : FakeResponse;
}

/// <summary>Steps of a scripted SSE stream.</summary>
public sealed class StreamScript
{
    internal List<StreamStep> Steps { get; } = [];

    /// <summary>Writes the raw chunk and flushes it.</summary>
    public StreamScript Send(string rawChunk) { Steps.Add(new StreamStep.Send(rawChunk)); return this; }

    /// <summary>Writes each chunk and flushes after each.</summary>
    public StreamScript Send(IEnumerable<string> rawChunks) { foreach (var c in rawChunks) Send(c); return this; }

    /// <summary>Waits for <paramref name="gate"/> (a test's TaskCompletionSource) before the next step; a client abort ends the wait.</summary>
    public StreamScript WaitFor(Task gate) { Steps.Add(new StreamStep.Wait(gate)); return this; }

    /// <summary>Signals <paramref name="flushed"/> when everything before this step has been written and flushed.</summary>
    public StreamScript Signal(TaskCompletionSource flushed) { Steps.Add(new StreamStep.Notify(flushed)); return this; }

    /// <summary>Keeps the connection open, sending nothing, until the client cancels.</summary>
    public StreamScript Hang() { Steps.Add(new StreamStep.HangForever()); return this; }

    /// <summary>
    /// Aborts the connection (a TCP reset mid-stream, no terminating chunk). A reset can discard bytes the client has
    /// not read yet: put a <see cref="WaitFor"/> before it when the client must see the earlier chunks first.
    /// </summary>
    public StreamScript Abort() { Steps.Add(new StreamStep.AbortConnection()); return this; }
}

internal abstract record StreamStep
{
    public sealed record Send(string Chunk) : StreamStep;
    public sealed record Wait(Task Gate) : StreamStep;
    public sealed record Notify(TaskCompletionSource Flushed) : StreamStep;
    public sealed record HangForever : StreamStep;
    public sealed record AbortConnection : StreamStep;
}
