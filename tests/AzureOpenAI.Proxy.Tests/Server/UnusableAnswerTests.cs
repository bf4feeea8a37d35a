using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AzureOpenAI.Proxy.Tests.Support;
using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.TestSupport.FakeUpstream;

namespace AzureOpenAI.Proxy.Tests.Server;

/// <summary>
/// A 2xx upstream answer without a usable message (a gateway's HTML page, <c>{}</c>, no choices, no output) is a 502
/// <c>api_error</c> naming the upstream, which Claude Code retries: never an empty message that looks like success.
/// </summary>
public sealed class UnusableAnswerTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, string> NonStreamAnswers => new()
    {
        { "text/html", "<html><body>Sign in to continue</body></html>", "the body is not a JSON object" },
        { "application/json", "{}", "no choices in the chat completion" },
        { "application/json", """{"id":"chatcmpl-1","object":"chat.completion","choices":[]}""", "no choices in the chat completion" },
    };

    [Theory]
    [MemberData(nameof(NonStreamAnswers))]
    public async Task NonStreamed_ChatAnswerWithoutAMessage_Is502NamingTheUpstream(string contentType, string body, string reason)
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        fake.Enqueue(FakeResponse.Raw(200, contentType, body));
        await using var proxy = await TestProxy.StartAsync(FakeUpstreamSettings.Azure(fake));

        using var response = await proxy.Http.PostAsync("/v1/messages", Request(stream: false), Token);

        await AssertUnusableAsync(response, fake, reason);
    }

    [Fact]
    public async Task NonStreamed_ResponsesAnswerWithoutOutput_Is502NamingTheUpstream()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        fake.Enqueue(FakeResponse.Json(new JsonObject { ["id"] = "resp_1", ["object"] = "response", ["status"] = "completed" }));
        await using var proxy = await TestProxy.StartAsync(FakeUpstreamSettings.Azure(fake) with { ApiStyle = ApiStyle.Responses });

        using var response = await proxy.Http.PostAsync("/v1/messages", Request(stream: false), Token);

        await AssertUnusableAsync(response, fake, "no output in the response");
    }

    [Fact]
    public async Task Streamed_HtmlPageWithStatus200_Is502BeforeAnyEvent()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        fake.Enqueue(FakeResponse.Raw(200, "text/html; charset=utf-8", "<html><body>Sign in to continue</body></html>"));
        await using var proxy = await TestProxy.StartAsync(FakeUpstreamSettings.Azure(fake));

        using var response = await proxy.Http.PostAsync("/v1/messages", Request(stream: true), Token);

        await AssertUnusableAsync(response, fake, "200 with text/html instead of an event stream");
    }

    public static TheoryData<string, string[]> StreamsWithoutAnAnswer => new()
    {
        { "chat", [] },
        { "chat", ["data: {\"type\":\"response.output_text.delta\",\"delta\":\"hi\"}\n\n", "data: {\"type\":\"response.completed\"}\n\n"] },
        { "chat", ["data: {\"hello\":\"world\"}\n\n", "data: [DONE]\n\n"] },
        { "responses", ["data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}\n\n"] },
    };

    [Theory]
    [MemberData(nameof(StreamsWithoutAnAnswer))]
    public async Task Streamed_EventsOfTheWrongTypeOrNone_Is502BeforeAnyEvent(string api, string[] events)
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        fake.Enqueue(FakeResponse.Stream(events));
        var settings = FakeUpstreamSettings.Azure(fake);
        await using var proxy = await TestProxy.StartAsync(api == "responses" ? settings with { ApiStyle = ApiStyle.Responses } : settings);

        using var response = await proxy.Http.PostAsync("/v1/messages", Request(stream: true), Token);

        await AssertUnusableAsync(response, fake, "its event stream ended without an answer");
    }

    private static async Task AssertUnusableAsync(HttpResponseMessage response, FakeUpstreamServer fake, string reason)
    {
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        var error = document.RootElement.GetProperty("error");
        Assert.Equal("api_error", error.GetProperty("type").GetString());
        var message = error.GetProperty("message").GetString()!;
        Assert.Contains(fake.BaseUri.Host, message, StringComparison.Ordinal);
        Assert.Contains(reason, message, StringComparison.Ordinal);
    }

    private static StringContent Request(bool stream) =>
        new($$"""{"model":"claude-sonnet-4-5","max_tokens":100,"stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"hi"}]}""",
            Encoding.UTF8, "application/json");
}
