using System.Text.Json;
using AzureOpenAI.Translation.OpenAI;

namespace AzureOpenAI.Translation.Mapping;

/// <summary>
/// A <c>tool_result</c> block → a <see cref="ToolResult"/>: the upstream call id, the content as parts (text, images,
/// files; a nested <c>tool_reference</c>, as tool search answers, makes its tool available in the
/// <see cref="EffectiveToolSet"/> instead) and <c>is_error</c>.
/// </summary>
internal static class ToolResults
{
    public static ToolResult From(JsonElement block, FieldPath path, EffectiveToolSet tools)
    {
        var toolUseId = ContentBlocks.RequiredString(block, "tool_use_id", path);
        var parts = block.TryGetProperty("content"u8, out var content) ? ToParts(content, path, tools) : [];
        return new ToolResult(ToolCallIds.ToUpstream(toolUseId), parts, ContentBlocks.IsTrue(block, "is_error"));
    }

    private static List<ContentPart> ToParts(JsonElement content, FieldPath path, EffectiveToolSet tools)
    {
        switch (content.ValueKind)
        {
            case JsonValueKind.Null:
                return [];
            case JsonValueKind.String:
                return [new TextPart(content.GetString()!)];
            case JsonValueKind.Array:
                var parts = new List<ContentPart>();
                var index = 0;
                foreach (var inner in content.EnumerateArray())
                {
                    var innerPath = path.AtInner(index++);
                    var type = ContentBlocks.TypeOf(inner, innerPath);
                    if (type == "tool_reference") tools.Reference(inner);
                    else UserContent.AppendPart(parts, inner, type, innerPath);
                }
                return parts;
            default:
                throw ContentBlocks.Invalid(path.Field("content"), "expected a string or an array of content blocks");
        }
    }
}
