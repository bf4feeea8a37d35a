using System.Text.Json.Nodes;

namespace AzureOpenAI.TestSupport.FakeUpstream;

/// <summary>
/// Builds raw Chat Completions SSE chunks (<c>data: {…}\n\n</c>) as OpenAI and Azure send them, so stream tests stay short:
/// <c>FakeResponse.Stream([ChatSse.Role(), ChatSse.Text("Hi"), ChatSse.Finish("stop"), ChatSse.Usage(10, 2), ChatSse.Done])</c>.
/// </summary>
public static class ChatSse
{
    public const string DefaultId = "chatcmpl-fake";
    public const string DefaultModel = "gpt-4o-2024-08-06";

    /// <summary>The stream terminator.</summary>
    public const string Done = "data: [DONE]\n\n";

    /// <summary>Any JSON as one data line.</summary>
    public static string Data(JsonNode json) => $"data: {json.ToJsonString()}\n\n";

    /// <summary>The first chunk: role assistant with empty content.</summary>
    public static string Role() => Delta(new JsonObject { ["role"] = "assistant", ["content"] = "", ["refusal"] = null });

    public static string Text(string text) => Delta(new JsonObject { ["content"] = text });

    /// <summary>A reasoning fragment in <c>reasoning_content</c> (DeepSeek, LiteLLM) or <c>reasoning</c> (vLLM, OpenRouter).</summary>
    public static string Reasoning(string text, string field = "reasoning_content") => Delta(new JsonObject { [field] = text });

    /// <summary>The first fragment of a tool call: index, id, type, name and (usually empty) arguments.</summary>
    public static string ToolCallStart(int index, string id, string name, string arguments = "") =>
        Delta(new JsonObject
        {
            ["tool_calls"] = new JsonArray(new JsonObject
            {
                ["index"] = index, ["id"] = id, ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = name, ["arguments"] = arguments },
            }),
        });

    /// <summary>A later fragment of a tool call: only index and an arguments piece.</summary>
    public static string ToolCallArguments(int index, string argumentsFragment) =>
        Delta(new JsonObject
        {
            ["tool_calls"] = new JsonArray(new JsonObject
            {
                ["index"] = index, ["function"] = new JsonObject { ["arguments"] = argumentsFragment },
            }),
        });

    /// <summary>The chunk carrying <c>finish_reason</c> (stop, length, tool_calls, content_filter) with an empty delta.</summary>
    public static string Finish(string finishReason) => Delta(new JsonObject(), finishReason);

    /// <summary>The usage-only chunk sent after the finish when <c>stream_options.include_usage</c> is set: <c>choices: []</c>.</summary>
    public static string Usage(int promptTokens, int completionTokens, int cachedTokens = 0, int reasoningTokens = 0, string model = DefaultModel)
    {
        var chunk = Envelope(model);
        chunk["choices"] = new JsonArray();
        chunk["usage"] = UsageObject(promptTokens, completionTokens, cachedTokens, reasoningTokens);
        return Data(chunk);
    }

    /// <summary>Azure's first chunk: empty id and model, no choices, prompt filter results.</summary>
    public static string AzurePromptFilterResults() => Data(new JsonObject
    {
        ["id"] = "", ["object"] = "", ["created"] = 0, ["model"] = "", ["choices"] = new JsonArray(),
        ["prompt_filter_results"] = new JsonArray(new JsonObject
        {
            ["prompt_index"] = 0,
            ["content_filter_results"] = new JsonObject
            {
                ["hate"] = new JsonObject { ["filtered"] = false, ["severity"] = "safe" },
                ["self_harm"] = new JsonObject { ["filtered"] = false, ["severity"] = "safe" },
                ["sexual"] = new JsonObject { ["filtered"] = false, ["severity"] = "safe" },
                ["violence"] = new JsonObject { ["filtered"] = false, ["severity"] = "safe" },
            },
        }),
    });

    /// <summary>A mid-stream error chunk as OpenAI sends it.</summary>
    public static string Error(string message, string type = "server_error", string? code = null) =>
        Data(UpstreamError.OpenAI(500, message, type, null, code).Body);

    /// <summary>A whole text answer: role, the text in pieces, finish <c>stop</c>, optionally usage, then [DONE].</summary>
    public static IReadOnlyList<string> TextAnswer(string text, bool includeUsage = true, int promptTokens = 10, int completionTokens = 5)
    {
        List<string> chunks = [Role(), .. SplitWords(text).Select(Text), Finish("stop")];
        if (includeUsage) chunks.Add(Usage(promptTokens, completionTokens));
        chunks.Add(Done);
        return chunks;
    }

    /// <summary>A whole tool-call answer: role, the call's start, its arguments in pieces, finish <c>tool_calls</c>, usage, [DONE].</summary>
    public static IReadOnlyList<string> ToolCallAnswer(string id, string name, string argumentsJson, int pieces = 3)
    {
        List<string> chunks = [Role(), ToolCallStart(0, id, name)];
        var size = Math.Max(1, (argumentsJson.Length + pieces - 1) / pieces);
        for (var i = 0; i < argumentsJson.Length; i += size)
            chunks.Add(ToolCallArguments(0, argumentsJson.Substring(i, Math.Min(size, argumentsJson.Length - i))));
        chunks.AddRange([Finish("tool_calls"), Usage(20, 10), Done]);
        return chunks;
    }

    internal static JsonObject UsageObject(int promptTokens, int completionTokens, int cachedTokens, int reasoningTokens) => new()
    {
        ["prompt_tokens"] = promptTokens,
        ["completion_tokens"] = completionTokens,
        ["total_tokens"] = promptTokens + completionTokens,
        ["prompt_tokens_details"] = new JsonObject { ["cached_tokens"] = cachedTokens, ["audio_tokens"] = 0 },
        ["completion_tokens_details"] = new JsonObject
        {
            ["reasoning_tokens"] = reasoningTokens, ["audio_tokens"] = 0,
            ["accepted_prediction_tokens"] = 0, ["rejected_prediction_tokens"] = 0,
        },
    };

    private static string Delta(JsonObject delta, string? finishReason = null)
    {
        var chunk = Envelope(DefaultModel);
        chunk["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0, ["delta"] = delta, ["logprobs"] = null, ["finish_reason"] = finishReason,
        });
        return Data(chunk);
    }

    private static JsonObject Envelope(string model) => new()
    {
        ["id"] = DefaultId, ["object"] = "chat.completion.chunk", ["created"] = 1741570283, ["model"] = model,
        ["system_fingerprint"] = "fp_fake",
    };

    private static IEnumerable<string> SplitWords(string text)
    {
        var start = 0;
        for (var i = 1; i < text.Length; i++)
            if (text[i] == ' ') { yield return text[start..i]; start = i; }
        if (start < text.Length) yield return text[start..];
    }
}
