using System.Text.Json;
using System.Text.Json.Serialization;

namespace AzureOpenAI.Translation.Anthropic;

/// <summary>
/// The body of <c>POST /v1/messages</c> (and, with a subset of fields, <c>count_tokens</c>).
/// Union-typed fields (<c>system</c>, message <c>content</c>) stay <see cref="JsonElement"/> and are read by
/// <c>ValueKind</c> and <c>"type"</c>, so a new block type never fails deserialization.
/// Fields with no upstream meaning land in <see cref="AdditionalProperties"/> and are never forwarded.
/// </summary>
public sealed class MessagesRequest
{
    [JsonPropertyName("model")] public string? Model { get; set; }
    [JsonPropertyName("max_tokens")] public int? MaxTokens { get; set; }
    [JsonPropertyName("messages")] public List<InputMessage>? Messages { get; set; }

    /// <summary>A string or an array of text blocks; <c>Undefined</c> when absent.</summary>
    [JsonPropertyName("system")] public JsonElement System { get; set; }

    [JsonPropertyName("metadata")] public RequestMetadata? Metadata { get; set; }
    [JsonPropertyName("stop_sequences")] public List<string>? StopSequences { get; set; }
    [JsonPropertyName("stream")] public bool? Stream { get; set; }
    [JsonPropertyName("temperature")] public double? Temperature { get; set; }
    [JsonPropertyName("top_p")] public double? TopP { get; set; }
    [JsonPropertyName("top_k")] public int? TopK { get; set; }
    [JsonPropertyName("tools")] public List<ToolDefinition>? Tools { get; set; }
    [JsonPropertyName("tool_choice")] public ToolChoice? ToolChoice { get; set; }
    [JsonPropertyName("thinking")] public ThinkingConfig? Thinking { get; set; }
    [JsonPropertyName("output_config")] public OutputConfig? OutputConfig { get; set; }

    /// <summary>Claude Code's <c>X-Claude-Code-Session-Id</c> header, set by the endpoint: the prompt cache key's source.</summary>
    [JsonIgnore] public string? SessionId { get; set; }

    /// <summary>Claude Code's <c>x-claude-code-agent-id</c> header, set by the endpoint for a subagent's requests.</summary>
    [JsonIgnore] public string? AgentId { get; set; }

    /// <summary>cache_control, context_management, container, service_tier, …: accepted, never forwarded.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

public sealed class InputMessage
{
    /// <summary><c>user</c>, <c>assistant</c>, or (Claude Code 2.1.328, mid-conversation) <c>system</c>.</summary>
    [JsonPropertyName("role")] public string? Role { get; set; }

    /// <summary>A string or an array of content blocks.</summary>
    [JsonPropertyName("content")] public JsonElement Content { get; set; }
}

public sealed class RequestMetadata
{
    [JsonPropertyName("user_id")] public string? UserId { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

public sealed class ToolDefinition
{
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("description")] public string? Description { get; set; }
    [JsonPropertyName("input_schema")] public JsonElement InputSchema { get; set; }

    /// <summary>Absent or <c>custom</c> for client tools; anything else is a server tool (web_search_…, bash_…).</summary>
    [JsonPropertyName("type")] public string? Type { get; set; }

    /// <summary>defer_loading, input_examples, cache_control, strict, eager_input_streaming, max_uses, …</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }

    [JsonIgnore] public bool IsClientTool => Type is null or "custom";
}

public sealed class ToolChoice
{
    /// <summary><c>auto</c>, <c>any</c>, <c>tool</c> or <c>none</c>.</summary>
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("disable_parallel_tool_use")] public bool? DisableParallelToolUse { get; set; }
}

public sealed class ThinkingConfig
{
    /// <summary><c>enabled</c>, <c>adaptive</c> or <c>disabled</c>.</summary>
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("budget_tokens")] public int? BudgetTokens { get; set; }
    [JsonPropertyName("display")] public string? Display { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

public sealed class OutputConfig
{
    /// <summary><c>low</c>, <c>medium</c>, <c>high</c>, <c>xhigh</c>, <c>max</c>.</summary>
    [JsonPropertyName("effort")] public string? Effort { get; set; }
    [JsonPropertyName("format")] public JsonElement Format { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
