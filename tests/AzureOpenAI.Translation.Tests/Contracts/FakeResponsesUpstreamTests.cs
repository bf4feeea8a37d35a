using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AzureOpenAI.TestSupport;
using AzureOpenAI.TestSupport.FakeUpstream;
using Xunit;

namespace AzureOpenAI.Translation.Tests.Contracts;

/// <summary>The strict fake's Responses routes accept a well-formed request, fire every rejection they document, and play scripts.</summary>
public sealed class FakeResponsesUpstreamTests : IAsyncLifetime
{
    private const string V1Path = "openai/v1/responses";
    private const string DatedPath = "openai/responses?api-version=2025-04-01-preview";
    private FakeUpstreamServer _fake = null!;
    private readonly HttpClient _http = new();

    public async ValueTask InitializeAsync() => _fake = await FakeUpstreamServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _fake.DisposeAsync();
    }

    private static JsonObject ValidBody() => JsonNode.Parse("""
        {"model":"gpt-5-codex","instructions":"Be brief.","input":[
          {"type":"message","role":"user","content":[{"type":"input_text","text":"List files"}]},
          {"type":"reasoning","id":"rs_1","summary":[],"encrypted_content":"gAAAA"},
          {"type":"function_call","call_id":"toolu_01A","name":"Bash","arguments":"{\"command\":\"ls\"}"},
          {"type":"function_call_output","call_id":"toolu_01A","output":[{"type":"input_text","text":"a.png"},{"type":"input_image","image_url":"data:image/png;base64,iVBORw0KGgo=","detail":"auto"}]},
          {"type":"message","role":"assistant","content":"One image."}],
         "tools":[{"type":"function","name":"Bash","parameters":{"type":"object","properties":{}},"strict":false}],
         "tool_choice":"auto","parallel_tool_calls":true,"max_output_tokens":1000,"reasoning":{"effort":"medium","summary":"auto"},
         "store":false,"include":["reasoning.encrypted_content"]}
        """)!.AsObject();

    private async Task<(HttpStatusCode Status, JsonNode? Body, string Text)> PostAsync(string path, JsonNode body, string? apiKey = "test-upstream-key", string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_fake.BaseUri, path))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (apiKey is not null) request.Headers.Add("api-key", apiKey);
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, text.StartsWith('{') ? JsonNode.Parse(text) : null, text);
    }

    private async Task<JsonNode> RejectedAsync(JsonObject body, string path = V1Path, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        var (actual, json, text) = await PostAsync(path, body);
        Assert.True(status == actual, $"expected {status}, got {actual}: {text}");
        return json!["error"]!;
    }

    [Theory]
    [InlineData(V1Path, UpstreamDialect.AzureV1)]
    [InlineData(DatedPath, UpstreamDialect.AzureDeployment)]
    public async Task ValidBody_IsAnsweredWithTheDefaultResponse(string path, UpstreamDialect dialect)
    {
        var (status, json, text) = await PostAsync(path, ValidBody());

        Assert.True(status == HttpStatusCode.OK, text);
        Assert.Equal("response", json!["object"]!.GetValue<string>());
        Assert.Equal(FakeUpstreamServer.DefaultAnswer, json["output"]![0]!["content"]![0]!["text"]!.GetValue<string>());
        Assert.Equal(UpstreamApi.Responses, _fake.LastRequest.Api);
        Assert.Equal(dialect, _fake.LastRequest.Dialect);
        Assert.Equal("gpt-5-codex", _fake.LastRequest.Deployment);
    }

    [Fact]
    public async Task OpenAIBaseUrl_TakesBearerAuth()
    {
        var (status, _, text) = await PostAsync("v1/responses", ValidBody(), apiKey: null, bearer: "test-upstream-key");

        Assert.True(status == HttpStatusCode.OK, text);
        Assert.Equal(UpstreamDialect.OpenAI, _fake.LastRequest.Dialect);
    }

    [Fact]
    public async Task DatedUrl_BeforeResponsesExisted_IsNotFound() =>
        await RejectedAsync(ValidBody(), "openai/responses?api-version=2024-10-21", HttpStatusCode.NotFound);

    [Fact]
    public async Task UnknownParameter_IsRejected()
    {
        var body = ValidBody();
        body["max_tokens"] = 100;
        var error = await RejectedAsync(body);
        Assert.Equal("unknown_parameter", error["code"]!.GetValue<string>());
        Assert.Equal("max_tokens", error["param"]!.GetValue<string>());
    }

    [Fact]
    public async Task MaxOutputTokensBelow16_IsRejected()
    {
        var body = ValidBody();
        body["max_output_tokens"] = 8;
        var error = await RejectedAsync(body);
        Assert.Equal("integer_below_min_value", error["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task CallIdOver64Characters_IsRejected()
    {
        var body = ValidBody();
        var id = new string('x', 65);
        body["input"]![2]!["call_id"] = id;
        body["input"]![3]!["call_id"] = id;
        var error = await RejectedAsync(body);
        Assert.Equal("string_above_max_length", error["code"]!.GetValue<string>());
        Assert.Equal("input[2].call_id", error["param"]!.GetValue<string>());
    }

    [Fact]
    public async Task FunctionCallOutputWithoutItsCall_IsRejected()
    {
        var body = ValidBody();
        body["input"]![3]!["call_id"] = "toolu_other";
        var error = await RejectedAsync(body);
        Assert.Equal("No tool call found for function call output with call_id toolu_other.", error["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task FunctionCallWithoutOutput_IsRejected()
    {
        var body = ValidBody();
        body["input"]!.AsArray().RemoveAt(3);
        var error = await RejectedAsync(body);
        Assert.Equal("No tool output found for function call toolu_01A.", error["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task TemperatureOnAReasoningModel_IsRejected()
    {
        var body = ValidBody();
        body["temperature"] = 0.5;
        var error = await RejectedAsync(body);
        Assert.Equal("unsupported_parameter", error["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task ReasoningOnANonReasoningModel_IsRejected()
    {
        var body = ValidBody();
        body["model"] = "gpt-4.1";
        var error = await RejectedAsync(body);
        Assert.Equal("reasoning.effort", error["param"]!.GetValue<string>());
    }

    [Fact]
    public async Task SchemaViolation_IsRejected()
    {
        var body = ValidBody();
        body["input"]![0]!["content"]![0]!["type"] = "text"; // Chat's part type, not Responses'
        var error = await RejectedAsync(body);
        Assert.Equal("invalid_value", error["code"]!.GetValue<string>());
        Assert.Contains("OpenAI spec", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatOnAResponsesOnlyModel_IsOperationNotSupported()
    {
        var chat = new JsonObject { ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "hi" }) };
        var error = await RejectedAsync(chat, "openai/deployments/gpt-5-codex/chat/completions?api-version=2025-04-01-preview");
        Assert.Equal("OperationNotSupported", error["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task ScriptedStream_IsPlayedWithEventLines()
    {
        var script = new ResponsesSse().Created()
            .FunctionCall("fc_1", "call_1", "Bash", """{"command":"ls"}""")
            .Completed(ResponsesBodies.Usage(10, 5));
        _fake.Enqueue(FakeResponse.Stream(script.Events));
        var body = ValidBody();
        body["stream"] = true;

        var (status, _, text) = await PostAsync(V1Path, body);

        Assert.Equal(HttpStatusCode.OK, status);
        var events = SseEvents.Parse(text);
        Assert.Equal("response.created", events[0].Event);
        Assert.Equal("response.completed", events[^1].Event);
        Assert.Contains(events, e => e.Event == "response.function_call_arguments.delta");
        for (var i = 0; i < events.Count; i++)
        {
            var data = JsonNode.Parse(events[i].Data)!;
            Assert.Equal(events[i].Event, data["type"]!.GetValue<string>());
            Assert.Equal(i, data["sequence_number"]!.GetValue<int>());
        }
    }

    [Fact]
    public void ScriptedBodies_AreValidResponsesObjects()
    {
        var completed = ResponsesBodies.Response("completed",
            [ResponsesBodies.Reasoning("rs_1", ["Plan"], "gAAA"), ResponsesBodies.Message("msg_1", "Hi"), ResponsesBodies.FunctionCall("fc_1", "call_1", "Bash", "{}")],
            ResponsesBodies.Usage(10, 5));
        TestSupport.Specs.SpecValidator.OpenAI.AssertValid("Response", completed);
    }
}
