using System.Text.Json.Nodes;

namespace AzureOpenAI.TestSupport.FakeUpstream;

/// <summary>Non-streaming <c>chat.completion</c> bodies as OpenAI returns them.</summary>
public static class ChatCompletionBodies
{
    public static JsonObject Text(string text, string finishReason = "stop", int promptTokens = 10, int completionTokens = 5, int cachedTokens = 0) =>
        Completion(new JsonObject
        {
            ["role"] = "assistant", ["content"] = text, ["refusal"] = null, ["annotations"] = new JsonArray(),
        }, finishReason, promptTokens, completionTokens, cachedTokens);

    /// <summary>One or more tool calls: (id, name, arguments JSON text).</summary>
    public static JsonObject ToolCalls(params (string Id, string Name, string Arguments)[] calls) =>
        Completion(new JsonObject
        {
            ["role"] = "assistant", ["content"] = null, ["refusal"] = null, ["annotations"] = new JsonArray(),
            ["tool_calls"] = new JsonArray([.. calls.Select(c => (JsonNode)new JsonObject
            {
                ["id"] = c.Id, ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = c.Name, ["arguments"] = c.Arguments },
            })]),
        }, "tool_calls", 20, 10, 0);

    private static JsonObject Completion(JsonObject message, string finishReason, int promptTokens, int completionTokens, int cachedTokens) => new()
    {
        ["id"] = ChatSse.DefaultId, ["object"] = "chat.completion", ["created"] = 1741570283, ["model"] = ChatSse.DefaultModel,
        ["system_fingerprint"] = "fp_fake",
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0, ["message"] = message, ["logprobs"] = null, ["finish_reason"] = finishReason,
        }),
        ["usage"] = ChatSse.UsageObject(promptTokens, completionTokens, cachedTokens, 0),
    };
}
