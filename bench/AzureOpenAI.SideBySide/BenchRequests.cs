using System.Text.Json.Nodes;

namespace AzureOpenAI.SideBySide;

/// <summary>
/// The two Anthropic Messages requests of the matrix: a tiny one, and a ~50 KB Claude Code turn (system prompt, a dozen
/// tools, a tool result): the captured one from ../shared/fixtures when it is beside the clone, else one synthesized in
/// its shape.
/// </summary>
internal static class BenchRequests
{
    public static byte[] Tiny(bool stream) => WithStream(
        JsonNode.Parse("""{"model":"claude-sonnet-4-5","max_tokens":256,"messages":[{"role":"user","content":"What is 2 + 2?"}]}""")!, stream);

    public static (byte[] Body, string Source) ClaudeCodeTurn(string repositoryRoot, bool stream)
    {
        var captured = Path.Combine(repositoryRoot, "..", "shared", "fixtures", "claude-code-2.1.328", "tool-result-turn.request.json");
        return File.Exists(captured)
            ? (WithStream(JsonNode.Parse(File.ReadAllText(captured))!["body"]!, stream), "captured 2.1.328")
            : (WithStream(Synthesized(), stream), "synthesized");
    }

    private static byte[] WithStream(JsonNode request, bool stream)
    {
        request["stream"] = stream;
        return System.Text.Encoding.UTF8.GetBytes(request.ToJsonString());
    }

    private static JsonObject Synthesized()
    {
        static string Prose(string topic, int sentences) => string.Join(' ', Enumerable.Range(0, sentences)
            .Select(i => $"Rule {i} about {topic}: prefer small focused changes, read the surrounding code first, and explain why."));
        var tools = new JsonArray();
        for (var t = 0; t < 12; t++)
        {
            var properties = new JsonObject();
            for (var p = 0; p < 6; p++)
                properties[$"param_{p}"] = new JsonObject { ["type"] = "string", ["description"] = Prose($"parameter {p} of tool {t}", 3) };
            tools.Add(new JsonObject
            {
                ["name"] = $"Tool{t}",
                ["description"] = Prose($"tool {t}", 8),
                ["input_schema"] = new JsonObject { ["type"] = "object", ["properties"] = properties, ["required"] = new JsonArray("param_0") },
            });
        }
        var file = string.Join('\n', Enumerable.Range(1, 200).Select(i => $"{i,5}\tvar value{i} = Compute(input, {i}); // line {i}"));
        return new JsonObject
        {
            ["model"] = "claude-opus-4-5",
            ["max_tokens"] = 32000,
            ["system"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = Prose("the coding agent", 60) }),
            ["tools"] = tools,
            ["messages"] = new JsonArray(
                new JsonObject { ["role"] = "user", ["content"] = "Read src/Program.cs and tell me what it computes." },
                new JsonObject
                {
                    ["role"] = "assistant",
                    ["content"] = new JsonArray(new JsonObject
                    {
                        ["type"] = "tool_use", ["id"] = "toolu_01", ["name"] = "Tool0", ["input"] = new JsonObject { ["param_0"] = "src/Program.cs" },
                    }),
                },
                new JsonObject
                {
                    ["role"] = "user",
                    ["content"] = new JsonArray(new JsonObject { ["type"] = "tool_result", ["tool_use_id"] = "toolu_01", ["content"] = file }),
                }),
        };
    }
}
