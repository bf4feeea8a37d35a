using System.Text.Json;
using AzureOpenAI.Translation.Anthropic;
using AzureOpenAI.Translation.OpenAI;

namespace AzureOpenAI.Translation.Mapping;

/// <summary>
/// Client tools → function tools (<see cref="FunctionTool"/>). Drop policy:
/// <list type="bullet">
/// <item>server tools (a <c>type</c> other than <c>custom</c>: web_search_…, bash_…, text_editor_…) have no upstream
/// equivalent and are left out, never answered with a 4xx: the model simply does not see them;</item>
/// <item>Anthropic-only tool fields (defer_loading, input_examples, cache_control, strict, eager_input_streaming, …)
/// live in <see cref="ToolDefinition.AdditionalProperties"/> and are never written. <c>strict</c> is not forwarded
/// because OpenAI's strict mode demands schema rules Claude Code's tools do not follow. A <c>defer_loading</c> tool is
/// sent once the conversation made it available (<see cref="EffectiveToolSet"/>).</item>
/// </list>
/// Names are mapped through <see cref="ToolNameMap"/>; the schema is cleaned as it is written (<see cref="FunctionTool.WriteParameters"/>).
/// </summary>
internal static class ToolDefinitions
{
    /// <summary>The upstream tools, or null when none remain (then neither tools nor tool_choice is sent).</summary>
    public static List<FunctionTool>? ToFunctionTools(List<ToolDefinition>? tools, ToolNameMap toolNames, ToolSchemaDialect dialect)
    {
        if (tools is null) return null;
        List<FunctionTool>? result = null;
        for (var i = 0; i < tools.Count; i++)
        {
            var tool = tools[i] ?? throw ContentBlocks.Invalid($"tools.{i}", "expected a tool object");
            if (!tool.IsClientTool) continue;
            if (string.IsNullOrEmpty(tool.Name)) throw ContentBlocks.Invalid($"tools.{i}.name", "field required");
            RequireObjectSchema(tool.InputSchema, i);
            (result ??= new List<FunctionTool>(tools.Count)).Add(new FunctionTool(toolNames.ToUpstream(tool.Name), tool.Description, tool.InputSchema, dialect));
        }
        return result;
    }

    /// <summary>
    /// The declared tools that are in the effective set, in their declared order (a stable prefix for prompt caching);
    /// null when none remain.
    /// </summary>
    public static List<FunctionTool>? Effective(List<FunctionTool>? declared, EffectiveToolSet effective, ToolNameMap toolNames)
    {
        declared?.RemoveAll(tool => !effective.Contains(toolNames.ToAnthropic(tool.Name)));
        return declared is { Count: > 0 } ? declared : null;
    }

    /// <summary>
    /// A schema, when present, must be an object whose <c>type</c> (when present) is <c>"object"</c>, as Anthropic requires
    /// and as every upstream requires of function parameters. <see cref="ToolSchemaCleaner"/> relies on it.
    /// </summary>
    private static void RequireObjectSchema(JsonElement schema, int index)
    {
        if (schema.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null) return;
        if (schema.ValueKind != JsonValueKind.Object) throw ContentBlocks.Invalid($"tools.{index}.input_schema", "expected a JSON Schema object");
        if (schema.TryGetProperty("type"u8, out var type) && !(type.ValueKind == JsonValueKind.String && type.ValueEquals("object"u8)))
            throw ContentBlocks.Invalid($"tools.{index}.input_schema.type", "expected \"object\"");
    }
}
