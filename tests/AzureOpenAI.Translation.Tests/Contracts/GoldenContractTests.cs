using System.Text.Json.Nodes;
using AzureOpenAI.TestSupport;
using AzureOpenAI.TestSupport.FakeUpstream;
using AzureOpenAI.TestSupport.Specs;
using Xunit;

namespace AzureOpenAI.Translation.Tests.Contracts;

/// <summary>
/// Every golden file the translation is compared with is also held to the real APIs: upstream requests to the OpenAI
/// spec (and the strict fake's rules): Chat bodies (Golden/Requests) to CreateChatCompletionRequest, Responses bodies
/// (Golden/ResponsesApi/Requests) to CreateResponse; Anthropic responses and stream events of both upstream APIs
/// (Golden/Answers, Golden/Streams, Golden/ResponsesApi/…) to the Anthropic spec. Cases are discovered from the
/// source tree at run time, named by their path under Golden/; a kind with no case fails instead of passing vacuously.
/// </summary>
public sealed class GoldenContractTests
{
    private static string GoldenRoot => Path.Combine(RepositoryPaths.Root, "tests", "AzureOpenAI.Translation.Tests", "Golden");

    /// <summary>The cases of each kind, as paths relative to Golden/ (<c>Streams/plain-text</c>, <c>ResponsesApi/Streams/text</c>).</summary>
    private static TheoryData<string> Cases(string file, params string[] kinds)
    {
        var data = new TheoryData<string>();
        foreach (var kind in kinds)
        {
            var folder = Path.Combine(GoldenRoot, kind);
            if (!Directory.Exists(folder)) continue;
            foreach (var dir in Directory.GetDirectories(folder).Order(StringComparer.Ordinal))
                if (File.Exists(Path.Combine(dir, file))) data.Add(kind + "/" + Path.GetFileName(dir));
        }
        return data;
    }

    public static TheoryData<string> RequestCases() => Cases("upstream-request.json", "Requests");
    public static TheoryData<string> ResponsesRequestCases() => Cases("upstream-request.json", "ResponsesApi/Requests");
    public static TheoryData<string> ResponseCases() => Cases("anthropic-response.json", "Answers", "ResponsesApi/Answers");
    public static TheoryData<string> StreamCases() => Cases("anthropic-stream.sse", "Streams", "ResponsesApi/Streams");

    [Fact]
    public void EveryGoldenKind_HasCases()
    {
        Assert.NotEmpty(RequestCases());
        Assert.NotEmpty(ResponsesRequestCases());
        Assert.Contains(ResponseCases(), c => c.Data.StartsWith("ResponsesApi/", StringComparison.Ordinal));
        Assert.Contains(StreamCases(), c => c.Data.StartsWith("ResponsesApi/", StringComparison.Ordinal));
        Assert.Contains(ResponseCases(), c => !c.Data.StartsWith("ResponsesApi/", StringComparison.Ordinal));
        Assert.Contains(StreamCases(), c => !c.Data.StartsWith("ResponsesApi/", StringComparison.Ordinal));
    }

    /// <summary>
    /// Validated against the OpenAI spec, and held to the strict fake's rules. With <c>SendModel: false</c> in options.json
    /// the body goes to an Azure deployment URL: it may omit <c>model</c> (the URL names the deployment) and must also
    /// satisfy the Azure spec.
    /// </summary>
    [Theory]
    [MemberData(nameof(RequestCases))]
    public void UpstreamRequest_IsAValidChatCompletionRequest(string @case)
    {
        var folder = Path.Combine(GoldenRoot, @case);
        var path = Path.Combine(folder, "upstream-request.json");
        var body = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var optionsPath = Path.Combine(folder, "options.json");
        var options = File.Exists(optionsPath) ? JsonNode.Parse(File.ReadAllText(optionsPath)) : null;
        var toDeploymentUrl = options?["SendModel"]?.GetValue<bool>() == false;
        var model = body["model"]?.GetValue<string>() ?? options?["Deployment"]?.GetValue<string>();
        Assert.True(model is not null, $"{path} has no model, and options.json names no Deployment");

        var asOpenAISees = (JsonObject)body.DeepClone();
        asOpenAISees["model"] = model;
        SpecValidator.OpenAI.AssertValid("CreateChatCompletionRequest", asOpenAISees, path);
        if (toDeploymentUrl) SpecValidator.Azure.AssertValid("createChatCompletionRequest", body, path);

        var dialect = toDeploymentUrl ? UpstreamDialect.AzureDeployment : UpstreamDialect.OpenAI;
        var rejection = StrictChatChecks.Check(body, dialect, model);
        Assert.True(rejection is null, $"{path}: the strict upstream would reject it: {rejection?.Body.ToJsonString()}");
    }

    /// <summary>Validated against the OpenAI spec's CreateResponse, and held to the strict Responses fake's rules.</summary>
    [Theory]
    [MemberData(nameof(ResponsesRequestCases))]
    public void ResponsesUpstreamRequest_IsAValidCreateResponse(string @case)
    {
        var path = Path.Combine(GoldenRoot, @case, "upstream-request.json");
        var body = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        SpecValidator.OpenAI.AssertValid("CreateResponse", body, path);
        var rejection = StrictResponsesChecks.Check(body);
        Assert.True(rejection is null, $"{path}: the strict upstream would reject it: {rejection?.Body.ToJsonString()}");
    }

    [Theory]
    [MemberData(nameof(ResponseCases))]
    public void AnthropicResponse_IsAValidMessageOrError(string @case)
    {
        var path = Path.Combine(GoldenRoot, @case, "anthropic-response.json");
        var body = JsonNode.Parse(File.ReadAllText(path));
        var schema = body?["type"]?.GetValue<string>() == "error" ? AnthropicSchemas.ErrorResponse : AnthropicSchemas.Message;
        SpecValidator.Anthropic.AssertValid(schema, body, path);
    }

    [Theory]
    [MemberData(nameof(StreamCases))]
    public void AnthropicStream_EveryEventIsValid(string @case)
    {
        var path = Path.Combine(GoldenRoot, @case, "anthropic-stream.sse");
        var events = SseEvents.Parse(File.ReadAllText(path));
        Assert.True(events.Count > 0, $"{path} holds no event");
        // A stream that fails before any answer is a lone error event (the proxy sends it as an HTTP error).
        Assert.True(events[0].Event == "message_start" || events is [{ Event: "error" }], $"{path}: starts with {events[0].Event}");
        for (var i = 0; i < events.Count; i++)
        {
            var sse = events[i];
            Assert.True(sse.Event is not null, $"{path}: event #{i} has no 'event:' line");
            AnthropicSchemas.AssertValidStreamEvent(sse.Event!, JsonNode.Parse(sse.Data), $"{path} event #{i}");
        }
        Assert.Contains(events[^1].Event, new[] { "message_stop", "error" });
    }
}
