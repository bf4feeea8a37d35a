using System.Text.Json;
using AzureOpenAI.Translation.Anthropic;

namespace AzureOpenAI.Translation.Mapping;

/// <summary>
/// The tools the model may call by the end of the conversation, kept as the conversation is read, in order:
/// <list type="bullet">
/// <item>it starts with every client tool not marked <c>defer_loading</c>;</item>
/// <item>a <c>tool_reference</c> block (<c>{"type":"tool_reference","tool_name":"X"}</c>, in user content or nested in
/// <c>tool_result</c> content, as tool search answers) makes a deferred tool available;</item>
/// <item><c>tool_addition</c> / <c>tool_removal</c> blocks inside <c>role:"system"</c> messages
/// (<c>{"type":"tool_addition","tool":{"type":"tool_reference","name":"X"}}</c>) add or withdraw a declared tool from that
/// point on. Other reference types (MCP toolsets) run server-side and are ignored.</item>
/// </list>
/// Shapes: platform.claude.com/docs/en/build-with-claude/mid-conversation-system-messages and the SDK's
/// <c>BetaRequestToolAdditionBlock</c>, <c>BetaToolChangeToolReference</c>, <c>BetaToolReferenceBlockParam</c>
/// (anthropics/anthropic-sdk-typescript, src/resources/beta/messages/messages.ts). None of these blocks is ever text.
/// </summary>
internal sealed class EffectiveToolSet
{
    private readonly HashSet<string> _available = new(StringComparer.Ordinal);

    public EffectiveToolSet(List<ToolDefinition>? tools)
    {
        if (tools is null) return;
        foreach (var tool in tools)
            if (tool?.Name is { } name && !IsDeferred(tool)) _available.Add(name);
    }

    public bool Contains(string name) => _available.Contains(name);

    /// <summary>A <c>tool_reference</c> block: its tool is available from now on.</summary>
    public void Reference(JsonElement block)
    {
        if (StringOf(block, "tool_name"u8) is { } name) _available.Add(name);
    }

    /// <summary>A <c>tool_addition</c> or <c>tool_removal</c> block of a system message.</summary>
    public void Change(JsonElement block, string type)
    {
        if (!block.TryGetProperty("tool"u8, out var tool) || tool.ValueKind != JsonValueKind.Object) return;
        if (StringOf(tool, "type"u8) != "tool_reference" || StringOf(tool, "name"u8) is not { } name) return;
        if (type == "tool_removal") _available.Remove(name);
        else _available.Add(name);
    }

    private static bool IsDeferred(ToolDefinition tool) =>
        tool.AdditionalProperties?.TryGetValue("defer_loading", out var value) == true && value.ValueKind == JsonValueKind.True;

    private static string? StringOf(JsonElement element, ReadOnlySpan<byte> property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
