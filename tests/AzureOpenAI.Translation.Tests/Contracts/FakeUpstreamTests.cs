using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AzureOpenAI.TestSupport.FakeUpstream;
using Xunit;

namespace AzureOpenAI.Translation.Tests.Contracts;

/// <summary>The strict fake accepts a well-formed request and fires every rejection it documents.</summary>
public sealed class FakeUpstreamTests : IAsyncLifetime
{
    private const string DeploymentPath = "openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21";
    private FakeUpstreamServer _fake = null!;
    private readonly HttpClient _http = new();

    public async ValueTask InitializeAsync() =>
        _fake = await FakeUpstreamServer.StartAsync(new FakeUpstreamOptions().WithDeployment("my-gpt4", "gpt-4o", 4096).WithDeployment("my-o3", "o3-mini", 100000));

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _fake.DisposeAsync();
    }

    private static JsonObject ValidBody() => new()
    {
        ["model"] = "gpt-4o",
        ["messages"] = new JsonArray(
            new JsonObject { ["role"] = "system", ["content"] = "Be brief." },
            new JsonObject { ["role"] = "user", ["content"] = "List files" },
            new JsonObject
            {
                ["role"] = "assistant", ["content"] = null,
                ["tool_calls"] = new JsonArray(new JsonObject
                {
                    ["id"] = "call_1", ["type"] = "function",
                    ["function"] = new JsonObject { ["name"] = "Bash", ["arguments"] = """{"command":"ls"}""" },
                }),
            },
            new JsonObject { ["role"] = "tool", ["tool_call_id"] = "call_1", ["content"] = "a.txt" },
            new JsonObject { ["role"] = "system", ["content"] = "Late system message: fine for OpenAI." },
            new JsonObject { ["role"] = "user", ["content"] = "Thanks" }),
        ["tools"] = new JsonArray(new JsonObject
        {
            ["type"] = "function",
            ["function"] = new JsonObject { ["name"] = "Bash", ["parameters"] = new JsonObject { ["type"] = "object" } },
        }),
        ["max_tokens"] = 1000,
        ["temperature"] = 0.5,
    };

    private async Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> PostAsync(
        string path, JsonNode? body, string? apiKey = "test-upstream-key", string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_fake.BaseUri, path))
        {
            Content = new StringContent(body?.ToJsonString() ?? "{not json", Encoding.UTF8, "application/json"),
        };
        if (apiKey is not null) request.Headers.Add("api-key", apiKey);
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, text.StartsWith('{') ? JsonNode.Parse(text) : null, response);
    }

    private async Task<JsonNode> RejectedAsync(JsonObject body, string path = DeploymentPath, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        var (actual, json, _) = await PostAsync(path, body);
        Assert.True(status == actual, $"expected {status}, got {actual}: {json?.ToJsonString()}");
        return json!["error"]!;
    }

    [Fact]
    public async Task ValidRequest_OnEveryUrlStyle_GetsDefaultAnswer()
    {
        var deployment = await PostAsync(DeploymentPath, ValidBody());
        var v1 = await PostAsync("openai/v1/chat/completions", ValidBody(), apiKey: null, bearer: "test-upstream-key");
        var openai = await PostAsync("v1/chat/completions", ValidBody(), apiKey: null, bearer: "test-upstream-key");
        foreach (var (status, body, _) in new[] { deployment, v1, openai })
        {
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(FakeUpstreamServer.DefaultAnswer, body!["choices"]![0]!["message"]!["content"]!.GetValue<string>());
        }
        Assert.Equal([UpstreamDialect.AzureDeployment, UpstreamDialect.AzureV1, UpstreamDialect.OpenAI], _fake.Requests.Select(r => r.Dialect!.Value));
        Assert.Equal("?api-version=2024-10-21", _fake.Requests[0].Query);
        Assert.Equal("test-upstream-key", _fake.Requests[0].Headers["API-KEY"]);
        Assert.True(JsonNode.DeepEquals(ValidBody(), _fake.Requests[0].Body));
    }

    [Theory]
    [InlineData(DeploymentPath, "wrong", null, HttpStatusCode.Unauthorized, "401")]
    [InlineData(DeploymentPath, null, null, HttpStatusCode.Unauthorized, "401")]
    [InlineData(DeploymentPath, null, "test-upstream-key", HttpStatusCode.Unauthorized, "401")]
    [InlineData("v1/chat/completions", "test-upstream-key", null, HttpStatusCode.Unauthorized, null)]
    [InlineData("v1/chat/completions", null, "wrong", HttpStatusCode.Unauthorized, "invalid_api_key")]
    [InlineData("openai/deployments/nope/chat/completions?api-version=2024-10-21", "test-upstream-key", null, HttpStatusCode.NotFound, "DeploymentNotFound")]
    [InlineData("openai/deployments/gpt-4o/chat/completions", "test-upstream-key", null, HttpStatusCode.NotFound, "404")]
    [InlineData("openai/deployments/gpt-4o/chat/completions?api-version=2023-01-01", "test-upstream-key", null, HttpStatusCode.BadRequest, "BadRequest")]
    [InlineData("openai/deployments/gpt-4o/embeddings?api-version=2024-10-21", "test-upstream-key", null, HttpStatusCode.NotFound, "404")]
    public async Task GatewayRejections_UseServiceStatusAndCode(string path, string? apiKey, string? bearer, HttpStatusCode status, string? code)
    {
        var (actual, body, _) = await PostAsync(path, ValidBody(), apiKey, bearer);
        Assert.Equal(status, actual);
        Assert.Equal(code, body!["error"]!["code"]?.GetValue<string>());
        Assert.NotEmpty(body["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnknownModel_OnV1_IsDeploymentNotFound_AndOnOpenAI_ModelNotFound()
    {
        var body = ValidBody();
        body["model"] = "nope";
        Assert.Equal("DeploymentNotFound", (await RejectedAsync(body, "openai/v1/chat/completions", HttpStatusCode.NotFound))["code"]!.GetValue<string>());
        var (status, json, _) = await PostAsync("v1/chat/completions", body, apiKey: null, bearer: "test-upstream-key");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("model_not_found", json!["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task DeploymentUrl_BodyWithoutModel_IsAccepted()
    {
        var body = ValidBody();
        body.Remove("model"); // the URL names the deployment; the OpenAI spec's required model is implied
        var (status, json, _) = await PostAsync(DeploymentPath, body);
        Assert.True(status == HttpStatusCode.OK, json?.ToJsonString());
        Assert.Equal("gpt-4o", _fake.LastRequest.Deployment);
    }

    [Fact]
    public async Task MalformedJson_IsRejected()
    {
        var (status, body, _) = await PostAsync(DeploymentPath, null);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("could not parse the JSON body", body!["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string?, string?> BodyRejections() => new()
    {
        // name of the mutation, path, expected param, expected code
        { "unknown-parameter", DeploymentPath, null, null },
        { "too-new-for-api-version", DeploymentPath, null, null },
        { "unknown-role", DeploymentPath, "messages[1].role", "invalid_value" },
        { "five-stops", DeploymentPath, "stop", "array_above_max_length" },
        { "long-tool-name", DeploymentPath, "tools[0].function.name", "string_above_max_length" },
        { "invalid-tool-name", DeploymentPath, "tools[0].function.name", "invalid_value" },
        { "long-tool-call-id", DeploymentPath, "messages[2].tool_calls[0].id", "string_above_max_length" },
        { "image-in-tool-message", DeploymentPath, "messages[3].content[1].type", "invalid_value" },
        { "orphan-tool-call", DeploymentPath, "messages.[2].role", null },
        { "tool-message-without-call", DeploymentPath, "messages.[1].role", null },
        { "max-tokens-on-reasoning", "openai/deployments/my-o3/chat/completions?api-version=2024-12-01-preview", "max_tokens", "unsupported_parameter" },
        { "temperature-on-reasoning", "openai/deployments/my-o3/chat/completions?api-version=2024-12-01-preview", "temperature", "unsupported_value" },
        { "top-p-on-reasoning", "openai/deployments/my-o3/chat/completions?api-version=2024-12-01-preview", "top_p", "unsupported_value" },
        { "max-tokens-above-limit", "openai/deployments/my-gpt4/chat/completions?api-version=2024-10-21", "max_tokens", "invalid_value" },
        { "messages-not-array", DeploymentPath, "messages", "invalid_value" },
        { "azure-spec-only", DeploymentPath, "messages[1].content[0].type", "invalid_value" },
    };

    [Theory]
    [MemberData(nameof(BodyRejections))]
    public async Task BodyRejection_Fires(string mutation, string path, string? param, string? code)
    {
        var error = await RejectedAsync(Mutate(mutation), path);
        Assert.Equal("invalid_request_error", error["type"]?.GetValue<string>());
        if (param is not null) Assert.Equal(param, error["param"]?.GetValue<string>());
        Assert.Equal(code, error["code"]?.GetValue<string>());
        Assert.NotNull(_fake.LastRequest.Rejection);
    }

    [Fact]
    public async Task FilePart_PassesOpenAISpec_ButNotAzureDeploymentSpec()
    {
        var body = Mutate("azure-spec-only");
        var (v1Status, _, _) = await PostAsync("openai/v1/chat/completions", body);
        Assert.Equal(HttpStatusCode.OK, v1Status);
        var error = await RejectedAsync(body);
        Assert.StartsWith("Invalid value: 'file'.", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MaxTokensAboveLimit_UsesTheRealWording()
    {
        var error = await RejectedAsync(Mutate("max-tokens-above-limit"), "openai/deployments/my-gpt4/chat/completions?api-version=2024-10-21");
        Assert.Equal("max_tokens is too large: 32000. This model supports at most 4096 completion tokens, whereas you provided 32000.",
            error["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task ReasoningModel_WithMaxCompletionTokensAndDefaultTemperature_IsAccepted()
    {
        var body = ValidBody();
        body.Remove("max_tokens");
        body["max_completion_tokens"] = 5000;
        body["temperature"] = 1;
        body["reasoning_effort"] = "low";
        var (status, json, _) = await PostAsync("openai/deployments/my-o3/chat/completions?api-version=2025-04-01-preview", body);
        Assert.True(status == HttpStatusCode.OK, json?.ToJsonString());
    }

    private static JsonObject Mutate(string mutation)
    {
        var body = ValidBody();
        var messages = body["messages"]!.AsArray();
        switch (mutation)
        {
            case "unknown-parameter": body["top_k"] = 5; break;
            case "too-new-for-api-version": body["reasoning_effort"] = "low"; break;
            case "unknown-role": messages[1]!["role"] = "human"; break;
            case "five-stops": body["stop"] = new JsonArray("a", "b", "c", "d", "e"); break;
            case "long-tool-name": body["tools"]![0]!["function"]!["name"] = new string('t', 65); break;
            case "invalid-tool-name": body["tools"]![0]!["function"]!["name"] = "mcp__server.tool"; break;
            case "long-tool-call-id":
                messages[2]!["tool_calls"]![0]!["id"] = "toolu_" + new string('x', 40);
                messages[3]!["tool_call_id"] = "toolu_" + new string('x', 40);
                break;
            case "image-in-tool-message":
                messages[3]!["content"] = new JsonArray(
                    new JsonObject { ["type"] = "text", ["text"] = "see" },
                    new JsonObject { ["type"] = "image_url", ["image_url"] = new JsonObject { ["url"] = "data:image/png;base64,iVBORw0KGgo=" } });
                break;
            case "orphan-tool-call": messages.RemoveAt(3); break;
            case "tool-message-without-call": messages.RemoveAt(2); messages.RemoveAt(0); break;
            case "max-tokens-on-reasoning": body.Remove("temperature"); break;
            case "temperature-on-reasoning": body.Remove("max_tokens"); body["temperature"] = 0.7; break;
            case "top-p-on-reasoning": body.Remove("max_tokens"); body.Remove("temperature"); body["top_p"] = 0.9; break;
            case "max-tokens-above-limit": body["max_tokens"] = 32000; break;
            case "messages-not-array": body["messages"] = "x"; break;
            // A `file` (PDF) part is in the OpenAI spec but not in the Azure 2024-10-21 user content parts.
            case "azure-spec-only":
                messages[1]!["content"] = new JsonArray(new JsonObject
                {
                    ["type"] = "file", ["file"] = new JsonObject { ["filename"] = "a.pdf", ["file_data"] = "data:application/pdf;base64,JVBERi0=" },
                });
                break;
            default: throw new ArgumentException(mutation, nameof(mutation));
        }
        return body;
    }
}
