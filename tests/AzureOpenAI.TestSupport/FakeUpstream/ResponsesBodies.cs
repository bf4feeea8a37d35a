using System.Text.Json.Nodes;

namespace AzureOpenAI.TestSupport.FakeUpstream;

/// <summary>Responses API objects as the service returns them (PROTOCOL.md §4.2): output items and whole <c>response</c> bodies.</summary>
public static class ResponsesBodies
{
    public const string DefaultId = "resp_fake";
    public const string DefaultModel = "gpt-5-codex";

    /// <summary>A completed response with one assistant message.</summary>
    public static JsonObject Text(string text, int inputTokens = 10, int outputTokens = 5) =>
        Response("completed", [Message("msg_fake", text)], Usage(inputTokens, outputTokens));

    /// <summary>A <c>response</c> object; <paramref name="incompleteReason"/> and <paramref name="error"/> fill those fields.</summary>
    public static JsonObject Response(string status, IEnumerable<JsonObject> output, JsonObject? usage, string? incompleteReason = null,
        (string Code, string Message)? error = null, string id = DefaultId, string model = DefaultModel) => new()
    {
        ["id"] = id, ["object"] = "response", ["created_at"] = 1756300000, ["status"] = status,
        ["error"] = error is { } e ? new JsonObject { ["code"] = e.Code, ["message"] = e.Message } : null,
        ["incomplete_details"] = incompleteReason is null ? null : new JsonObject { ["reason"] = incompleteReason },
        ["instructions"] = null, ["metadata"] = new JsonObject(), ["model"] = model, ["temperature"] = 1.0, ["top_p"] = 1.0,
        ["output"] = new JsonArray([.. output.Select(item => (JsonNode)item.DeepClone())]),
        ["parallel_tool_calls"] = true, ["store"] = false, ["tool_choice"] = "auto", ["tools"] = new JsonArray(),
        ["usage"] = usage,
    };

    public static JsonObject Usage(int inputTokens, int outputTokens, int cachedTokens = 0, int reasoningTokens = 0) => new()
    {
        ["input_tokens"] = inputTokens,
        ["input_tokens_details"] = new JsonObject { ["cached_tokens"] = cachedTokens, ["cache_write_tokens"] = 0 },
        ["output_tokens"] = outputTokens,
        ["output_tokens_details"] = new JsonObject { ["reasoning_tokens"] = reasoningTokens },
        ["total_tokens"] = inputTokens + outputTokens,
    };

    public static JsonObject Reasoning(string id, IReadOnlyList<string> summary, string? encryptedContent) => new()
    {
        ["id"] = id, ["type"] = "reasoning",
        ["summary"] = new JsonArray([.. summary.Select(text => (JsonNode)new JsonObject { ["type"] = "summary_text", ["text"] = text })]),
        ["encrypted_content"] = encryptedContent,
    };

    public static JsonObject Message(string id, string text, string status = "completed") => new()
    {
        ["id"] = id, ["type"] = "message", ["status"] = status, ["role"] = "assistant",
        ["content"] = new JsonArray(OutputText(text)),
    };

    public static JsonObject RefusalMessage(string id, string refusal) => new()
    {
        ["id"] = id, ["type"] = "message", ["status"] = "completed", ["role"] = "assistant",
        ["content"] = new JsonArray(new JsonObject { ["type"] = "refusal", ["refusal"] = refusal }),
    };

    public static JsonObject FunctionCall(string id, string callId, string name, string arguments, string status = "completed") => new()
    {
        ["id"] = id, ["type"] = "function_call", ["status"] = status, ["arguments"] = arguments, ["call_id"] = callId, ["name"] = name,
    };

    internal static JsonObject OutputText(string text) => new()
    {
        ["type"] = "output_text", ["annotations"] = new JsonArray(), ["logprobs"] = new JsonArray(), ["text"] = text,
    };
}
