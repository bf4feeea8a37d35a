using System.Text.Json.Nodes;

namespace AzureOpenAI.TestSupport.FakeUpstream;

/// <summary>
/// Builds a Responses SSE stream (<c>event: X\ndata: {"type":X,"sequence_number":n,…}\n\n</c>) in the service's order
/// (PROTOCOL.md §4.3): <c>new ResponsesSse().Created().Reasoning("rs_1", ["Plan"], "gAAA").Message("msg_1", "Hi").Completed(Usage(10, 5))</c>,
/// then <see cref="Events"/> for <see cref="FakeResponse.Stream(IEnumerable{string})"/>. Each item call emits its whole
/// lifecycle (added, parts, deltas, done); text and arguments are split into <c>pieces</c> deltas.
/// </summary>
public sealed class ResponsesSse(string id = ResponsesBodies.DefaultId, string model = ResponsesBodies.DefaultModel)
{
    private readonly List<string> _events = [];
    private readonly List<JsonObject> _output = [];
    private int _sequence;

    public IReadOnlyList<string> Events => _events;

    /// <summary>A whole streamed text answer: created, in_progress, one message, completed.</summary>
    public static IReadOnlyList<string> TextAnswer(string text, int inputTokens = 10, int outputTokens = 5) =>
        new ResponsesSse().Created().Message("msg_fake", text).Completed(ResponsesBodies.Usage(inputTokens, outputTokens)).Events;

    /// <summary><c>response.created</c> and <c>response.in_progress</c>.</summary>
    public ResponsesSse Created()
    {
        Emit("response.created", new JsonObject { ["response"] = Snapshot("in_progress", null) });
        return Emit("response.in_progress", new JsonObject { ["response"] = Snapshot("in_progress", null) });
    }

    public ResponsesSse Reasoning(string itemId, IReadOnlyList<string> summary, string? encryptedContent, int pieces = 2)
    {
        var index = _output.Count;
        Emit("response.output_item.added", new JsonObject
        {
            ["output_index"] = index, ["item"] = new JsonObject { ["id"] = itemId, ["type"] = "reasoning", ["summary"] = new JsonArray() },
        });
        for (var s = 0; s < summary.Count; s++)
        {
            Emit("response.reasoning_summary_part.added", Part(itemId, index, s, new JsonObject { ["type"] = "summary_text", ["text"] = "" }));
            foreach (var delta in Split(summary[s], pieces))
                Emit("response.reasoning_summary_text.delta", new JsonObject
                {
                    ["item_id"] = itemId, ["output_index"] = index, ["summary_index"] = s, ["delta"] = delta,
                });
            Emit("response.reasoning_summary_text.done", new JsonObject
            {
                ["item_id"] = itemId, ["output_index"] = index, ["summary_index"] = s, ["text"] = summary[s],
            });
            Emit("response.reasoning_summary_part.done", Part(itemId, index, s, new JsonObject { ["type"] = "summary_text", ["text"] = summary[s] }));
        }
        return Done(ResponsesBodies.Reasoning(itemId, summary, encryptedContent));
    }

    public ResponsesSse Message(string itemId, string text, int pieces = 2)
    {
        var index = AddMessage(itemId);
        Emit("response.content_part.added", ContentPart(itemId, index, ResponsesBodies.OutputText("")));
        foreach (var delta in Split(text, pieces))
            Emit("response.output_text.delta", new JsonObject
            {
                ["item_id"] = itemId, ["output_index"] = index, ["content_index"] = 0, ["delta"] = delta, ["logprobs"] = new JsonArray(),
            });
        Emit("response.output_text.done", new JsonObject
        {
            ["item_id"] = itemId, ["output_index"] = index, ["content_index"] = 0, ["text"] = text, ["logprobs"] = new JsonArray(),
        });
        Emit("response.content_part.done", ContentPart(itemId, index, ResponsesBodies.OutputText(text)));
        return Done(ResponsesBodies.Message(itemId, text));
    }

    public ResponsesSse Refusal(string itemId, string refusal, int pieces = 2)
    {
        var index = AddMessage(itemId);
        Emit("response.content_part.added", ContentPart(itemId, index, new JsonObject { ["type"] = "refusal", ["refusal"] = "" }));
        foreach (var delta in Split(refusal, pieces))
            Emit("response.refusal.delta", new JsonObject { ["item_id"] = itemId, ["output_index"] = index, ["content_index"] = 0, ["delta"] = delta });
        Emit("response.refusal.done", new JsonObject { ["item_id"] = itemId, ["output_index"] = index, ["content_index"] = 0, ["refusal"] = refusal });
        Emit("response.content_part.done", ContentPart(itemId, index, new JsonObject { ["type"] = "refusal", ["refusal"] = refusal }));
        return Done(ResponsesBodies.RefusalMessage(itemId, refusal));
    }

    public ResponsesSse FunctionCall(string itemId, string callId, string name, string arguments, int pieces = 3)
    {
        var index = _output.Count;
        Emit("response.output_item.added", new JsonObject
        {
            ["output_index"] = index, ["item"] = ResponsesBodies.FunctionCall(itemId, callId, name, "", "in_progress"),
        });
        foreach (var delta in Split(arguments, pieces))
            Emit("response.function_call_arguments.delta", new JsonObject { ["item_id"] = itemId, ["output_index"] = index, ["delta"] = delta });
        Emit("response.function_call_arguments.done", new JsonObject
        {
            ["item_id"] = itemId, ["output_index"] = index, ["name"] = name, ["arguments"] = arguments,
        });
        return Done(ResponsesBodies.FunctionCall(itemId, callId, name, arguments));
    }

    public ResponsesSse Completed(JsonObject usage) =>
        Emit("response.completed", new JsonObject { ["response"] = Snapshot("completed", usage) });

    /// <summary><c>response.incomplete</c> with <c>incomplete_details.reason</c> (<c>max_output_tokens</c> or <c>content_filter</c>).</summary>
    public ResponsesSse Incomplete(string reason, JsonObject usage) =>
        Emit("response.incomplete", new JsonObject { ["response"] = Snapshot("incomplete", usage, reason) });

    public ResponsesSse Failed(string code, string message) =>
        Emit("response.failed", new JsonObject { ["response"] = Snapshot("failed", null, error: (code, message)) });

    /// <summary>A stream-level <c>error</c> event.</summary>
    public ResponsesSse Error(string code, string message) =>
        Emit("error", new JsonObject { ["code"] = code, ["message"] = message, ["param"] = null });

    /// <summary>Any event, for shapes the helpers do not cover; <c>type</c> and <c>sequence_number</c> are added.</summary>
    public ResponsesSse Emit(string type, JsonObject data)
    {
        var payload = new JsonObject { ["type"] = type, ["sequence_number"] = _sequence++ };
        foreach (var (name, value) in data.ToList())
        {
            data.Remove(name);
            payload[name] = value;
        }
        _events.Add($"event: {type}\ndata: {payload.ToJsonString()}\n\n");
        return this;
    }

    private int AddMessage(string itemId)
    {
        var index = _output.Count;
        Emit("response.output_item.added", new JsonObject
        {
            ["output_index"] = index,
            ["item"] = new JsonObject
            {
                ["id"] = itemId, ["type"] = "message", ["status"] = "in_progress", ["role"] = "assistant", ["content"] = new JsonArray(),
            },
        });
        return index;
    }

    private ResponsesSse Done(JsonObject item)
    {
        var index = _output.Count;
        _output.Add(item);
        return Emit("response.output_item.done", new JsonObject { ["output_index"] = index, ["item"] = item.DeepClone() });
    }

    private JsonObject Snapshot(string status, JsonObject? usage, string? incompleteReason = null, (string, string)? error = null) =>
        ResponsesBodies.Response(status, status == "in_progress" ? [] : _output, usage?.DeepClone().AsObject(), incompleteReason, error, id, model);

    private static JsonObject Part(string itemId, int index, int summaryIndex, JsonObject part) => new()
    {
        ["item_id"] = itemId, ["output_index"] = index, ["summary_index"] = summaryIndex, ["part"] = part,
    };

    private static JsonObject ContentPart(string itemId, int index, JsonObject part) => new()
    {
        ["item_id"] = itemId, ["output_index"] = index, ["content_index"] = 0, ["part"] = part,
    };

    private static IEnumerable<string> Split(string text, int pieces)
    {
        var size = Math.Max(1, (text.Length + pieces - 1) / Math.Max(1, pieces));
        for (var i = 0; i < text.Length; i += size) yield return text.Substring(i, Math.Min(size, text.Length - i));
    }
}
