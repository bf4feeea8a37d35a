namespace AzureOpenAI.Translation.Mapping;

/// <summary>What a <see cref="KnownShape"/> names: a body field (a dotted path), a content block, a tool type or a beta.</summary>
public enum ShapeKind { Field, Block, Tool, Beta }

/// <summary>One row of <see cref="KnownShapes.All"/>: a shape the translator knows and what happens to it.</summary>
/// <param name="Name">
/// A field path (<c>thinking.display</c>, <c>tools[].defer_loading</c>), a block type, a tool type (a trailing <c>*</c>
/// matches a dated family, <c>web_search_*</c>) or a beta.
/// </param>
public sealed record KnownShape(ShapeKind Kind, string Name, string Handling)
{
    public bool Matches(string name) =>
        Name.EndsWith('*') ? name.StartsWith(Name.AsSpan(0, Name.Length - 1), StringComparison.Ordinal) : Name == name;
}

/// <summary>
/// The single table of every Messages-request shape the translator knows, with what happens to it, and the rule for
/// each kind it does not know. Nothing unknown is fatal: a Claude Code release that adds a block, a tool type, a field or
/// a beta degrades to the unknown rule instead of a 400. The README's tolerance table is rendered from here
/// (<see cref="MarkdownTable"/>, kept in sync by a test), and <see cref="ShapeSurvey"/> reports what is not in it.
/// Shapes: the official SDK's <c>MessageCreateParams</c> (anthropics/anthropic-sdk-typescript,
/// src/resources/beta/messages/messages.ts) and what Claude Code 2.1.328 sends.
/// </summary>
public static class KnownShapes
{
    public const string UnknownBlockRule = "kept as a text stand-in when it carries a string `text`, otherwise dropped (logged at debug)";
    public const string UnknownToolRule = "dropped: the model does not see it (logged at debug)";
    public const string UnknownFieldRule = "ignored, never forwarded (logged at debug)";
    public const string UnknownBetaRule = "ignored: `anthropic-beta` is an open list";

    private const string NotForwarded = "ignored, never forwarded";
    private const string DroppedServerTool = "dropped: a server tool has no upstream equivalent";
    private const string DroppedServerBlock = "dropped: the result of a server tool the upstream never ran";
    private const string Ignored = "ignored";

    public static IReadOnlyList<KnownShape> All { get; } =
    [
        new(ShapeKind.Field, "model", "routed to a deployment (`[1m]` suffix stripped)"),
        new(ShapeKind.Field, "max_tokens", "clamped to the deployment's limit; a probe below 16 is raised to 16 on reasoning deployments"),
        new(ShapeKind.Field, "messages", "translated"),
        new(ShapeKind.Field, "system", "the upstream system message (billing header dropped)"),
        new(ShapeKind.Field, "stream", "translated"),
        new(ShapeKind.Field, "stop_sequences", "`stop` (Chat, non-reasoning); dropped on Responses"),
        new(ShapeKind.Field, "temperature", "sent where the model accepts it"),
        new(ShapeKind.Field, "top_p", "sent where the model accepts it"),
        new(ShapeKind.Field, "top_k", NotForwarded),
        new(ShapeKind.Field, "tools", "function tools (the effective tool set)"),
        new(ShapeKind.Field, "tools[].name", "the function name (shortened when OpenAI rejects it)"),
        new(ShapeKind.Field, "tools[].description", "the function description"),
        new(ShapeKind.Field, "tools[].input_schema", "the function parameters, sanitized for the provider"),
        new(ShapeKind.Field, "tools[].type", "`custom` or absent: a function tool; anything else: the tool rule"),
        new(ShapeKind.Field, "tools[].defer_loading", "the tool is sent once a `tool_reference` or `tool_addition` names it"),
        new(ShapeKind.Field, "tools[].cache_control", NotForwarded),
        new(ShapeKind.Field, "tools[].strict", NotForwarded),
        new(ShapeKind.Field, "tools[].input_examples", NotForwarded),
        new(ShapeKind.Field, "tools[].eager_input_streaming", NotForwarded),
        new(ShapeKind.Field, "tools[].allowed_callers", NotForwarded),
        new(ShapeKind.Field, "tools[].max_uses", NotForwarded),
        new(ShapeKind.Field, "tool_choice", "auto/any/tool/none → auto/required/function/none"),
        new(ShapeKind.Field, "thinking", "reasoning effort on reasoning deployments"),
        new(ShapeKind.Field, "thinking.type", "enabled/adaptive/disabled"),
        new(ShapeKind.Field, "thinking.budget_tokens", "mapped to a reasoning effort"),
        new(ShapeKind.Field, "thinking.display", Ignored),
        new(ShapeKind.Field, "output_config", "`effort` → reasoning effort"),
        new(ShapeKind.Field, "output_config.effort", "reasoning effort"),
        new(ShapeKind.Field, "output_config.format", NotForwarded),
        new(ShapeKind.Field, "output_config.task_budget", NotForwarded),
        new(ShapeKind.Field, "metadata", "`user_id` → a stable `user` hash"),
        new(ShapeKind.Field, "metadata.user_id", "a stable `user` hash"),
        new(ShapeKind.Field, "context_management", NotForwarded),
        new(ShapeKind.Field, "cache_control", NotForwarded),
        new(ShapeKind.Field, "container", NotForwarded),
        new(ShapeKind.Field, "service_tier", NotForwarded),
        new(ShapeKind.Field, "mcp_servers", NotForwarded),
        new(ShapeKind.Field, "inference_geo", NotForwarded),
        new(ShapeKind.Field, "speed", NotForwarded),
        new(ShapeKind.Field, "output_format", NotForwarded),
        new(ShapeKind.Field, "diagnostics", NotForwarded),
        new(ShapeKind.Field, "fallbacks", NotForwarded),
        new(ShapeKind.Field, "fallback_credit_token", NotForwarded),
        new(ShapeKind.Field, "user_profile_id", NotForwarded),
        new(ShapeKind.Field, "betas", NotForwarded),

        new(ShapeKind.Block, "text", "text, in every role and inside `tool_result`"),
        new(ShapeKind.Block, "image", "an image part (base64 → data URL, or URL)"),
        new(ShapeKind.Block, "document", "PDF → a `file` part (its text where the upstream has none); text and content sources → text"),
        new(ShapeKind.Block, "search_result", "text: title, source and content"),
        new(ShapeKind.Block, "tool_use", "an assistant tool call"),
        new(ShapeKind.Block, "tool_result", "a tool message (attachments follow as a user message on Chat)"),
        new(ShapeKind.Block, "tool_reference", "makes a deferred tool available; never text"),
        new(ShapeKind.Block, "tool_addition", "in a `system` message: adds the tool to the effective tool set; never text"),
        new(ShapeKind.Block, "tool_removal", "in a `system` message: removes the tool from the effective tool set; never text"),
        new(ShapeKind.Block, "thinking", "replayed as reasoning when its signature carries one; echoed for DeepSeek; else dropped"),
        new(ShapeKind.Block, "redacted_thinking", "dropped: opaque to any other provider"),
        new(ShapeKind.Block, "compaction", "text: the summary it holds"),
        new(ShapeKind.Block, "server_tool_use", "dropped: a call of a server tool the upstream never had"),
        new(ShapeKind.Block, "web_search_tool_result", DroppedServerBlock),
        new(ShapeKind.Block, "web_fetch_tool_result", DroppedServerBlock),
        new(ShapeKind.Block, "advisor_tool_result", DroppedServerBlock),
        new(ShapeKind.Block, "code_execution_tool_result", DroppedServerBlock),
        new(ShapeKind.Block, "bash_code_execution_tool_result", DroppedServerBlock),
        new(ShapeKind.Block, "text_editor_code_execution_tool_result", DroppedServerBlock),
        new(ShapeKind.Block, "tool_search_tool_result", DroppedServerBlock),
        new(ShapeKind.Block, "mcp_tool_use", DroppedServerBlock),
        new(ShapeKind.Block, "mcp_tool_result", DroppedServerBlock),
        new(ShapeKind.Block, "container_upload", DroppedServerBlock),
        new(ShapeKind.Block, "fallback", "dropped: Anthropic's model-fallback marker"),

        new(ShapeKind.Tool, "custom", "a function tool"),
        new(ShapeKind.Tool, "web_search_*", DroppedServerTool),
        new(ShapeKind.Tool, "web_fetch_*", DroppedServerTool),
        new(ShapeKind.Tool, "advisor_*", DroppedServerTool),
        new(ShapeKind.Tool, "code_execution_*", DroppedServerTool),
        new(ShapeKind.Tool, "bash_*", DroppedServerTool),
        new(ShapeKind.Tool, "text_editor_*", DroppedServerTool),
        new(ShapeKind.Tool, "computer_*", DroppedServerTool),
        new(ShapeKind.Tool, "memory_*", DroppedServerTool),
        new(ShapeKind.Tool, "browser_*", DroppedServerTool),
        new(ShapeKind.Tool, "tool_search_tool_*", DroppedServerTool),
        new(ShapeKind.Tool, "mcp_toolset", DroppedServerTool),

        new(ShapeKind.Beta, "claude-code-20250219", Ignored),
        new(ShapeKind.Beta, "interleaved-thinking-2025-05-14", Ignored),
        new(ShapeKind.Beta, "context-management-2025-06-27", "ignored; `context_management` is not forwarded"),
        new(ShapeKind.Beta, "context-1m-2025-08-07", Ignored),
        new(ShapeKind.Beta, "prompt-caching-scope-2026-01-05", "ignored; caching is the upstream's, keyed by the session"),
        new(ShapeKind.Beta, "mid-conversation-system-2026-04-07", "honoured: `system` messages fold into the system message until the first answer, then stay in place"),
        new(ShapeKind.Beta, "mid-conversation-tool-changes-2026-07-01", "honoured: the effective tool set"),
        new(ShapeKind.Beta, "inline-tools-2026-09-15", Ignored),
        new(ShapeKind.Beta, "per-turn-control-2026-07-01", Ignored),
        new(ShapeKind.Beta, "thinking-token-count-2026-05-13", Ignored),
        new(ShapeKind.Beta, "advanced-tool-use-2025-11-20", "honoured: deferred tools and `tool_reference`"),
        new(ShapeKind.Beta, "effort-2025-11-24", "honoured: `output_config.effort`"),
        new(ShapeKind.Beta, "token-counting-2024-11-01", "honoured: `count_tokens` is answered locally"),
    ];

    public static bool IsKnown(ShapeKind kind, string name)
    {
        foreach (var shape in All)
            if (shape.Kind == kind && shape.Matches(name)) return true;
        return false;
    }

    /// <summary>The README's tolerance table: each known shape, then the rule for each unknown kind.</summary>
    public static string MarkdownTable()
    {
        var lines = new List<string> { "| kind | name | what happens |", "|---|---|---|" };
        foreach (var shape in All) lines.Add($"| {KindName(shape.Kind)} | `{shape.Name}` | {shape.Handling} |");
        lines.Add($"| block | *any other* | {UnknownBlockRule} |");
        lines.Add($"| tool type | *any other* | {UnknownToolRule} |");
        lines.Add($"| field | *any other* | {UnknownFieldRule} |");
        lines.Add($"| beta | *any other* | {UnknownBetaRule} |");
        return string.Join('\n', lines);
    }

    public static string KindName(ShapeKind kind) => kind switch
    {
        ShapeKind.Field => "field",
        ShapeKind.Block => "block",
        ShapeKind.Tool => "tool type",
        _ => "beta",
    };
}
