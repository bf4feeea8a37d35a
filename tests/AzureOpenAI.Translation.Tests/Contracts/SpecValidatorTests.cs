using System.Text.Json.Nodes;
using AzureOpenAI.TestSupport.Specs;
using Xunit;

namespace AzureOpenAI.Translation.Tests.Contracts;

/// <summary>The contract validator accepts what the specs allow and, crucially, rejects what they forbid.</summary>
public sealed class SpecValidatorTests
{
    private const string ValidChatRequest = """
        {"model":"gpt-4o","messages":[
          {"role":"system","content":"Be brief."},
          {"role":"user","content":[{"type":"text","text":"hi"},{"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo=","detail":"auto"}}]},
          {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"Bash","arguments":"{\"command\":\"ls\"}"}}]},
          {"role":"tool","tool_call_id":"call_1","content":"a.txt"}],
         "tools":[{"type":"function","function":{"name":"Bash","description":"Run","parameters":{"type":"object","properties":{"command":{"type":"string"}}}}}],
         "tool_choice":"auto","max_tokens":100,"temperature":0.5,"stream":true,"stream_options":{"include_usage":true},"stop":["\n\n"]}
        """;

    private const string ValidMessage = """
        {"id":"msg_01","type":"message","role":"assistant","model":"claude-sonnet-4-5",
         "content":[{"type":"text","text":"Hi","citations":null},{"type":"tool_use","id":"toolu_01","name":"Bash","input":{"command":"ls"}}],
         "stop_reason":"tool_use","stop_sequence":null,
         "usage":{"input_tokens":10,"output_tokens":5,"cache_creation_input_tokens":0,"cache_read_input_tokens":0}}
        """;

    [Fact]
    public void OpenAIChatRequest_Valid_Passes() =>
        SpecValidator.OpenAI.AssertValid("CreateChatCompletionRequest", JsonNode.Parse(ValidChatRequest));

    [Fact]
    public void OpenAIChatRequest_MessagesAsString_Fails()
    {
        var request = JsonNode.Parse(ValidChatRequest)!;
        request["messages"] = "x";
        var errors = SpecValidator.OpenAI.Validate("CreateChatCompletionRequest", request);
        Assert.Contains(errors, e => e.InstancePath == "/messages");
    }

    [Fact]
    public void OpenAIChatRequest_UnknownRole_Fails()
    {
        var request = JsonNode.Parse(ValidChatRequest)!;
        request["messages"]![1]!["role"] = "human";
        Assert.NotEmpty(SpecValidator.OpenAI.Validate("CreateChatCompletionRequest", request));
    }

    [Fact]
    public void OpenAIChatRequest_ExclusiveMinimumRewritten_StillRejectsOutOfRange()
    {
        // temperature has maximum 2 in the spec; a value beyond it must fail.
        var request = JsonNode.Parse(ValidChatRequest)!;
        request["temperature"] = 5;
        Assert.Contains(SpecValidator.OpenAI.Validate("CreateChatCompletionRequest", request), e => e.InstancePath == "/temperature");
    }

    [Fact]
    public void AzureChatRequest_Valid_PassesIncludingNullableFields()
    {
        var request = JsonNode.Parse(ValidChatRequest)!;
        request["stop"] = null; // `nullable: true` in the OpenAPI 3.0 spec, rewritten to admit null
        SpecValidator.Azure.AssertValid("createChatCompletionRequest", request);
    }

    [Fact]
    public void AzureChatRequest_MessagesAsString_Fails()
    {
        var request = JsonNode.Parse(ValidChatRequest)!;
        request["messages"] = "x";
        Assert.Contains(SpecValidator.Azure.Validate("createChatCompletionRequest", request), e => e.InstancePath == "/messages");
    }

    [Fact]
    public void AzureChatRequest_NullWhereNotNullable_Fails()
    {
        var request = JsonNode.Parse(ValidChatRequest)!;
        request["messages"] = null;
        Assert.NotEmpty(SpecValidator.Azure.Validate("createChatCompletionRequest", request));
    }

    [Fact]
    public void AnthropicMessage_Valid_Passes() =>
        SpecValidator.Anthropic.AssertValid(AnthropicSchemas.Message, JsonNode.Parse(ValidMessage));

    [Fact]
    public void AnthropicMessage_BogusStopReason_Fails()
    {
        var message = JsonNode.Parse(ValidMessage)!;
        message["stop_reason"] = "bogus";
        Assert.Contains(SpecValidator.Anthropic.Validate(AnthropicSchemas.Message, message), e => e.InstancePath == "/stop_reason");
    }

    [Theory]
    [InlineData("message_start", """{"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"m","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":3,"output_tokens":1,"cache_creation_input_tokens":0,"cache_read_input_tokens":0}}}""")]
    [InlineData("content_block_start", """{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}""")]
    [InlineData("content_block_start", """{"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_1","name":"Bash","input":{}}}""")]
    [InlineData("content_block_start", """{"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}}""")]
    [InlineData("content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}""")]
    [InlineData("content_block_delta", """{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"a"}}""")]
    [InlineData("content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"sig"}}""")]
    [InlineData("content_block_stop", """{"type":"content_block_stop","index":0}""")]
    [InlineData("message_delta", """{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":9,"input_tokens":null,"cache_creation_input_tokens":null,"cache_read_input_tokens":null,"server_tool_use":null}}""")]
    [InlineData("message_stop", """{"type":"message_stop"}""")]
    [InlineData("ping", """{"type":"ping"}""")]
    [InlineData("error", """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}""")]
    public void AnthropicStreamEvent_Valid_Passes(string eventName, string data) =>
        AnthropicSchemas.AssertValidStreamEvent(eventName, JsonNode.Parse(data));

    [Theory]
    [InlineData("message_stop", """{"type":"ping"}""")]
    [InlineData("content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"bogus_delta","text":"Hi"}}""")]
    [InlineData("content_block_stop", """{"type":"content_block_stop"}""")]
    [InlineData("message_delta", """{"type":"message_delta","delta":{"stop_reason":"bogus","stop_sequence":null},"usage":{"output_tokens":9}}""")]
    [InlineData("error", """{"type":"error","error":{"type":"teapot_error","message":"no"}}""")]
    [InlineData("bogus", """{"type":"bogus"}""")]
    public void AnthropicStreamEvent_Invalid_Fails(string eventName, string data) =>
        Assert.NotEmpty(AnthropicSchemas.ValidateStreamEvent(eventName, JsonNode.Parse(data)));

    [Fact]
    public void AnthropicCountTokensAndModels_Valid_Pass()
    {
        SpecValidator.Anthropic.AssertValid(AnthropicSchemas.CountTokensResponse, JsonNode.Parse("""{"input_tokens":12}"""));
        SpecValidator.Anthropic.AssertValid(AnthropicSchemas.ModelsList, JsonNode.Parse("""
            {"data":[{"type":"model","id":"claude-sonnet-4-5","display_name":"Claude Sonnet 4.5","created_at":"2025-09-29T00:00:00Z"}],
             "has_more":false,"first_id":"claude-sonnet-4-5","last_id":"claude-sonnet-4-5"}
            """));
    }

    [Fact]
    public void AnthropicMessage_NullableFieldsAbsent_PassButRequiredFieldAbsent_Fails()
    {
        // stop_details, container, usage.service_tier… may be omitted (nullable); id may not.
        var message = JsonNode.Parse(ValidMessage)!.AsObject();
        message.Remove("id");
        Assert.Contains(SpecValidator.Anthropic.Validate(AnthropicSchemas.Message, message), e => e.Message.Contains("id", StringComparison.Ordinal));
    }

    [Fact]
    public void AnthropicCountTokens_MissingField_Fails() =>
        Assert.NotEmpty(SpecValidator.Anthropic.Validate(AnthropicSchemas.CountTokensResponse, JsonNode.Parse("{}")));

    [Fact]
    public void AnthropicErrorResponse_Valid_Passes() =>
        SpecValidator.Anthropic.AssertValid(AnthropicSchemas.ErrorResponse, JsonNode.Parse("""
            {"type":"error","error":{"type":"invalid_request_error","message":"max_tokens: field required"},"request_id":"req_1"}
            """));

    [Fact]
    public void OpenAIPropertyNames_FollowAllOf() =>
        Assert.Superset(new HashSet<string> { "messages", "model", "temperature", "stream_options", "max_completion_tokens", "user" },
            new HashSet<string>(SpecValidator.OpenAI.PropertyNames("CreateChatCompletionRequest")));

    [Fact]
    public void UnknownSchemaName_Throws() =>
        Assert.Throws<ArgumentException>(() => SpecValidator.OpenAI.Validate("NoSuchSchema", new JsonObject()));
}
