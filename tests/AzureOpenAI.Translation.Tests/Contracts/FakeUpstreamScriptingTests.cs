using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AzureOpenAI.TestSupport.FakeUpstream;
using Xunit;

namespace AzureOpenAI.Translation.Tests.Contracts;

/// <summary>Scripted answers of the fake: JSON with headers, flushed SSE chunks behind gates, hangs, aborts, and cancellation seen upstream.</summary>
public sealed class FakeUpstreamScriptingTests : IAsyncLifetime
{
    private FakeUpstreamServer _fake = null!;
    private readonly HttpClient _http = new();

    public async ValueTask InitializeAsync() => _fake = await FakeUpstreamServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _fake.DisposeAsync();
    }

    private HttpRequestMessage ChatRequest(bool stream)
    {
        var body = new JsonObject
        {
            ["model"] = "gpt-4o",
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "hi" }),
            ["stream"] = stream,
        };
        if (stream) body["stream_options"] = new JsonObject { ["include_usage"] = true };
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_fake.OpenAIBaseUri, "chat/completions"))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _fake.Options.ApiKey);
        return request;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DefaultStreamingAnswer_FollowsTheRequestsStreamFlag()
    {
        using var response = await _http.SendAsync(ChatRequest(stream: true), Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.EndsWith(ChatSse.Done, text, StringComparison.Ordinal);
        Assert.Contains("\"prompt_tokens\":10", text, StringComparison.Ordinal);
        var content = string.Concat(text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Where(l => l != ChatSse.Done.TrimEnd())
            .Select(l => JsonNode.Parse(l["data: ".Length..])!["choices"]!.AsArray().FirstOrDefault()?["delta"]?["content"]?.GetValue<string>()));
        Assert.Equal(FakeUpstreamServer.DefaultAnswer, content);
    }

    [Fact]
    public async Task ScriptedJson_CarriesStatusAndRetryHeaders()
    {
        _fake.Enqueue(FakeResponse.RateLimited(7));
        using var response = await _http.SendAsync(ChatRequest(stream: false), Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("7", response.Headers.GetValues("retry-after").Single());
        Assert.Equal("7000", response.Headers.GetValues("retry-after-ms").Single());
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal("429", body["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task ScriptedStream_FlushesEachChunkBeforeTheGateOpens()
    {
        var gate = new TaskCompletionSource();
        _fake.Enqueue(FakeResponse.Stream(s => s.Send(ChatSse.Role()).Send(ChatSse.Text("first")).WaitFor(gate.Task)
            .Send(ChatSse.Text(" second")).Send(ChatSse.Finish("stop")).Send(ChatSse.Done)));
        using var response = await _http.SendAsync(ChatRequest(stream: true), HttpCompletionOption.ResponseHeadersRead, Ct);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Ct));
        // Both chunks before the gate arrive while the gate is still closed: they were flushed.
        var received = new StringBuilder();
        while (!received.ToString().Contains("first", StringComparison.Ordinal))
            received.AppendLine(await reader.ReadLineAsync(Ct));
        Assert.False(gate.Task.IsCompleted);
        gate.SetResult();
        var rest = await reader.ReadToEndAsync(Ct);
        Assert.Contains(" second", rest, StringComparison.Ordinal);
        Assert.EndsWith(ChatSse.Done, rest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientCancellation_CompletesAbortedTask()
    {
        var flushed = new TaskCompletionSource();
        _fake.Enqueue(FakeResponse.Stream(s => s.Send(ChatSse.Role()).Signal(flushed).Hang()));
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var response = await _http.SendAsync(ChatRequest(stream: true), HttpCompletionOption.ResponseHeadersRead, cts.Token);
        await flushed.Task.WaitAsync(Ct);
        Assert.False(_fake.LastRequest.WasAborted);
        response.Dispose(); // the client gives up mid-stream
        await _fake.LastRequest.Aborted.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.True(_fake.LastRequest.WasAborted);
    }

    [Fact]
    public async Task HangUntilCancelled_SendsNothing_UntilTheClientCancels()
    {
        _fake.Enqueue(FakeResponse.HangUntilCancelled());
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var send = _http.SendAsync(ChatRequest(stream: false), cts.Token);
        await _fake.WaitForRequestsAsync(1, Ct);
        Assert.False(send.IsCompleted);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send);
        await _fake.LastRequest.Aborted.WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }

    [Fact]
    public async Task AbortMidStream_BreaksTheResponse_AndIsNotCountedAsClientAbort()
    {
        var gate = new TaskCompletionSource();
        _fake.Enqueue(FakeResponse.Stream(s => s.Send(ChatSse.Role()).Send(ChatSse.Text("partial")).WaitFor(gate.Task).Abort()));
        using var response = await _http.SendAsync(ChatRequest(stream: true), HttpCompletionOption.ResponseHeadersRead, Ct);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Ct));
        var received = new StringBuilder();
        while (!received.ToString().Contains("partial", StringComparison.Ordinal))
            received.AppendLine(await reader.ReadLineAsync(Ct));
        gate.SetResult();
        await Assert.ThrowsAnyAsync<IOException>(() => reader.ReadToEndAsync(Ct));
        await _fake.LastRequest.Completed.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.False(_fake.LastRequest.WasAborted);
    }

    [Fact]
    public async Task Rejection_DoesNotConsumeTheScript()
    {
        _fake.Enqueue(FakeResponse.Json(ChatCompletionBodies.Text("scripted")));
        using var bad = ChatRequest(stream: false);
        bad.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "wrong");
        using var rejected = await _http.SendAsync(bad, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, rejected.StatusCode);
        using var accepted = await _http.SendAsync(ChatRequest(stream: false), Ct);
        var body = JsonNode.Parse(await accepted.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal("scripted", body["choices"]![0]!["message"]!["content"]!.GetValue<string>());
        Assert.Equal(2, _fake.Requests.Count);
    }

    [Fact]
    public void ChatSseBuilders_ProduceChunksValidAgainstTheOpenAISpec()
    {
        string[] chunks = [ChatSse.Role(), ChatSse.Text("a"), ChatSse.ToolCallStart(0, "call_1", "Bash"), ChatSse.ToolCallArguments(0, "{}"),
            ChatSse.Finish("tool_calls"), ChatSse.Usage(10, 2, cachedTokens: 4, reasoningTokens: 1)];
        foreach (var chunk in chunks)
            TestSupport.Specs.SpecValidator.OpenAI.AssertValid("CreateChatCompletionStreamResponse", JsonNode.Parse(chunk["data: ".Length..]));
        TestSupport.Specs.SpecValidator.OpenAI.AssertValid("CreateChatCompletionResponse", ChatCompletionBodies.Text("hi"));
        TestSupport.Specs.SpecValidator.OpenAI.AssertValid("CreateChatCompletionResponse", ChatCompletionBodies.ToolCalls(("call_1", "Bash", "{}")));
    }
}
