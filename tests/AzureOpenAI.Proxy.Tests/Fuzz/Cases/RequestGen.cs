using System.Text.Json.Nodes;
using CsCheck;

namespace AzureOpenAI.Proxy.Tests.Fuzz;

/// <summary>
/// Well-formed Messages requests drawn from the request model: system as a string or text blocks; user turns of text,
/// image, document and tool_result blocks; assistant turns of text, tool_use, thinking and redacted_thinking; tools with
/// small JSON Schemas, tool_choice, thinking and sampling parameters. Each call of a generator builds a fresh tree.
/// </summary>
public static class RequestGen
{
    /// <summary>A 1×1 PNG: real image bytes, so token counting reads real dimensions.</summary>
    private const string TinyPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";
    private const string TinyPdf = "JVBERi0xLjQKMSAwIG9iago8PC9UeXBlL1BhZ2U+PgplbmRvYmoKdHJhaWxlcgo8PC9Sb290IDEgMCBSPj4KJSVFT0Y=";

    private static readonly string[] Models = ["claude-sonnet-5-5", "claude-opus-5-5", "claude-haiku-4-5", "claude-3-haiku-20240307"];
    private static readonly string[] ToolNames = ["Bash", "Read", "Edit", "mcp__server__do_thing", "Grep"];

    private static readonly string[] UnicodeEdges =
        ["héllo wörld", "😀 grinning 👍🏽", "مرحبا بالعالم", "e\u0301\u0301", "zero\u200bwidth", "nul\u0000char", "line\u2028sep",
         "\ufeffbom", "日本語のテキスト", "\u001b[31mred\u001b[0m", "\"quoted\\\" and \\\\ slashes"];

    /// <summary>Short text, sometimes with the Unicode a client may send (emoji, RTL, combining marks, NUL, line separators).</summary>
    public static readonly Gen<string> Text = Gen.Frequency(
        (6, Gen.String[Gen.Char.AlphaNumeric, 1, 40]),
        (2, Gen.OneOf(Gen.Const(""), Gen.Const(" "), Gen.Const("\n\n"))),
        (2, Gen.OneOf(UnicodeEdges.Select(Gen.Const).ToArray())));

    private static readonly Gen<string> Id = Gen.String[Gen.Char.AlphaNumeric, 8, 24].Select(s => "toolu_" + s);

    private static readonly Gen<JsonNode> TextBlock = Text.Select(t => Node(new() { ["type"] = "text", ["text"] = t }));

    private static readonly Gen<JsonNode> ImageBlock = Gen.OneOf(
        Gen.Const(() => Node(new() { ["type"] = "image", ["source"] = new JsonObject { ["type"] = "base64", ["media_type"] = "image/png", ["data"] = TinyPng } })),
        Gen.Const(() => Node(new() { ["type"] = "image", ["source"] = new JsonObject { ["type"] = "url", ["url"] = "https://example.com/a.png" } })));

    private static readonly Gen<JsonNode> DocumentBlock = Gen.OneOf(
        Text.Select(t => Node(new() { ["type"] = "document", ["title"] = "notes", ["source"] = new JsonObject { ["type"] = "text", ["media_type"] = "text/plain", ["data"] = t } })),
        Gen.Const(() => Node(new() { ["type"] = "document", ["source"] = new JsonObject { ["type"] = "base64", ["media_type"] = "application/pdf", ["data"] = TinyPdf } })),
        Text.Select(t => Node(new() { ["type"] = "document", ["source"] = new JsonObject { ["type"] = "content", ["content"] = new JsonArray(Node(new() { ["type"] = "text", ["text"] = t })) } })));

    private static readonly Gen<JsonNode> UserBlock = Gen.Frequency((6, TextBlock), (1, ImageBlock), (1, DocumentBlock));

    private static readonly Gen<JsonNode> ThinkingBlock = Gen.Select(Text, Gen.String[Gen.Char.AlphaNumeric, 0, 30], (thinking, signature) =>
        Node(new() { ["type"] = "thinking", ["thinking"] = thinking, ["signature"] = signature }));

    private static readonly Gen<JsonNode> RedactedThinkingBlock = Gen.String[Gen.Char.AlphaNumeric, 1, 30].Select(data =>
        Node(new() { ["type"] = "redacted_thinking", ["data"] = data }));

    private static Gen<JsonNode> Content(Gen<JsonNode> block) =>
        Gen.Frequency((1, Text.Select(t => (JsonNode)JsonValue.Create(t))), (3, block.Array[1, 3].Select(blocks => (JsonNode)new JsonArray(blocks))));

    /// <summary>A small schema tree: objects of typed properties, arrays, enums, a format or two.</summary>
    private static readonly Gen<JsonNode> PropertySchema = Gen.OneOf(
        Gen.Const(() => Node(new() { ["type"] = "string", ["description"] = "a string" })),
        Gen.Const(() => Node(new() { ["type"] = "integer", ["minimum"] = 0 })),
        Gen.Const(() => Node(new() { ["type"] = "string", ["format"] = "uri" })),
        Gen.Const(() => Node(new() { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } })),
        Gen.Const(() => Node(new() { ["enum"] = new JsonArray("a", "b") })),
        Gen.Const(() => Node(new() { ["anyOf"] = new JsonArray(new JsonObject { ["type"] = "string" }, new JsonObject { ["type"] = "null" }) })));

    private static readonly Gen<JsonNode> InputSchema = PropertySchema.Array[0, 4].Select(properties =>
    {
        var props = new JsonObject();
        for (var i = 0; i < properties.Length; i++) props["p" + i] = properties[i];
        return Node(new()
        {
            ["$schema"] = "http://json-schema.org/draft-07/schema#", ["type"] = "object", ["properties"] = props,
            ["required"] = properties.Length > 0 ? new JsonArray("p0") : new JsonArray(), ["additionalProperties"] = false,
        });
    });

    private static readonly Gen<JsonNode> Tool = Gen.Select(Gen.Int[0, ToolNames.Length - 1], Text, InputSchema, (name, description, schema) =>
        Node(new() { ["name"] = ToolNames[name], ["description"] = description, ["input_schema"] = schema }));

    /// <summary>One exchange: a user turn, then (sometimes) an assistant turn that may call a tool answered in the next user turn.</summary>
    private static readonly Gen<JsonNode[]> Exchange = Gen.Select(Content(UserBlock), Gen.Int[0, 3],
        Content(Gen.Frequency((4, TextBlock), (1, ThinkingBlock), (1, RedactedThinkingBlock))), Id, Gen.Int[0, ToolNames.Length - 1], Text, ToTurns);

    private static JsonNode[] ToTurns(JsonNode user, int shape, JsonNode assistant, string id, int tool, string result) => shape switch
    {
        0 => [Message("user", user)],
        1 => [Message("user", user), Message("assistant", assistant)],
        _ => [Message("user", user),
              Message("assistant", new JsonArray(Node(new() { ["type"] = "tool_use", ["id"] = id, ["name"] = ToolNames[tool], ["input"] = new JsonObject { ["p0"] = result } }))),
              Message("user", new JsonArray(Node(new() { ["type"] = "tool_result", ["tool_use_id"] = id, ["content"] = result, ["is_error"] = shape == 3 })))],
    };

    private static readonly Gen<JsonNode?> System = Gen.OneOf<JsonNode?>(
        Gen.Const((JsonNode?)null),
        Text.Select(t => (JsonNode?)JsonValue.Create(t)),
        TextBlock.Array[1, 3].Select(blocks => (JsonNode?)new JsonArray(blocks)));

    private static readonly Gen<JsonNode?> ToolChoice = Gen.OneOf<JsonNode?>(
        Gen.Const((JsonNode?)null),
        Gen.OneOf("auto", "any", "none").Select(type => (JsonNode?)Node(new() { ["type"] = type })),
        Gen.Int[0, ToolNames.Length - 1].Select(i => (JsonNode?)Node(new() { ["type"] = "tool", ["name"] = ToolNames[i], ["disable_parallel_tool_use"] = true })));

    private static readonly Gen<JsonNode?> Thinking = Gen.OneOf<JsonNode?>(
        Gen.Const((JsonNode?)null),
        Gen.Int[1024, 8000].Select(budget => (JsonNode?)Node(new() { ["type"] = "enabled", ["budget_tokens"] = budget })),
        Gen.Const<JsonNode?>(() => Node(new() { ["type"] = "adaptive" })));

    /// <summary>A request for <paramref name="endpoint"/>: <c>stream</c> is true exactly for <see cref="FuzzEndpoint.Stream"/>.</summary>
    public static Gen<JsonObject> Request(FuzzEndpoint endpoint) =>
        Gen.Select(Gen.Int[0, Models.Length - 1], Gen.Int[1, 4096], System, Exchange.Array[1, 3], Tool.Array[0, 3], ToolChoice, Thinking,
            Gen.Select(Gen.Double[0, 1].Nullable(), Text.Array[0, 5]),
            (model, maxTokens, system, exchanges, tools, toolChoice, thinking, sampling) =>
            {
                var request = new JsonObject { ["model"] = Models[model], ["max_tokens"] = maxTokens };
                if (endpoint != FuzzEndpoint.CountTokens) request["stream"] = endpoint == FuzzEndpoint.Stream;
                if (system is not null) request["system"] = system;
                request["messages"] = new JsonArray([.. exchanges.SelectMany(e => e)]);
                if (tools.Length > 0) request["tools"] = new JsonArray(tools);
                if (tools.Length > 0 && toolChoice is not null) request["tool_choice"] = toolChoice;
                if (thinking is not null) request["thinking"] = thinking;
                if (sampling.Item1 is { } temperature) request["temperature"] = temperature;
                if (sampling.Item2.Length > 0) request["stop_sequences"] = new JsonArray([.. sampling.Item2.Select(s => (JsonNode)JsonValue.Create(s))]);
                request["metadata"] = new JsonObject { ["user_id"] = "user_fuzz" };
                return request;
            });

    private static JsonNode Message(string role, JsonNode content) => Node(new() { ["role"] = role, ["content"] = content });

    private static JsonNode Node(JsonObject value) => value;
}
