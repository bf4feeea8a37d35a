using System.Text.Json.Nodes;
using Xunit;

namespace AzureOpenAI.TestSupport.Specs;

/// <summary>Names of the Anthropic spec's schemas for what the proxy returns, and validation of one SSE event.</summary>
public static class AnthropicSchemas
{
    public const string Message = "Message";
    public const string MessageStartEvent = "MessageStartEvent";
    public const string ContentBlockStartEvent = "ContentBlockStartEvent";
    public const string ContentBlockDeltaEvent = "ContentBlockDeltaEvent";
    public const string ContentBlockStopEvent = "ContentBlockStopEvent";
    public const string MessageDeltaEvent = "MessageDeltaEvent";
    public const string MessageStopEvent = "MessageStopEvent";
    public const string Ping = "Ping";
    public const string ErrorResponse = "ErrorResponse";
    public const string CountTokensResponse = "CountMessageTokensResponse";
    public const string ModelsList = "ListResponse_ModelInfo_";
    public const string ModelInfo = "ModelInfo";

    /// <summary>The spec has no schema for the stream's <c>event: error</c>; its <c>error</c> object is ErrorResponse's.</summary>
    public const string StreamErrorPointer = "/components/schemas/ErrorResponse/properties/error";

    /// <summary>The schema an SSE <c>event:</c> name stands for; <c>error</c> is handled by <see cref="ValidateStreamEvent"/>.</summary>
    public static string? SchemaForEvent(string eventName) => eventName switch
    {
        "message_start" => MessageStartEvent,
        "content_block_start" => ContentBlockStartEvent,
        "content_block_delta" => ContentBlockDeltaEvent,
        "content_block_stop" => ContentBlockStopEvent,
        "message_delta" => MessageDeltaEvent,
        "message_stop" => MessageStopEvent,
        "ping" => Ping,
        _ => null,
    };

    /// <summary>
    /// Validates one Anthropic SSE event: the data's <c>type</c> equals the event name, and the data matches its schema
    /// (for <c>error</c>: <c>{"type":"error","error":{…}}</c> with the error object of ErrorResponse).
    /// </summary>
    public static IReadOnlyList<SpecError> ValidateStreamEvent(string eventName, JsonNode? data)
    {
        var type = (data as JsonObject)?["type"] is JsonValue t && t.TryGetValue<string>(out var s) ? s : null;
        if (type != eventName)
            return [new SpecError("/type", "", $"data type '{type}' differs from the event name '{eventName}'")];
        if (eventName == "error")
            return SpecValidator.Anthropic.ValidateAt(StreamErrorPointer, data!["error"]).Select(e => e with { InstancePath = "/error" + e.InstancePath }).ToList();
        var schema = SchemaForEvent(eventName);
        return schema is null
            ? [new SpecError("", "", $"unknown Anthropic stream event '{eventName}'")]
            : SpecValidator.Anthropic.Validate(schema, data);
    }

    /// <summary>Fails the test with every violation of <see cref="ValidateStreamEvent"/>.</summary>
    public static void AssertValidStreamEvent(string eventName, JsonNode? data, string? context = null)
    {
        var errors = ValidateStreamEvent(eventName, data);
        if (errors.Count > 0)
            Assert.Fail(SpecValidator.Anthropic.FormatFailure($"stream event '{eventName}'", data, errors, context));
    }
}
