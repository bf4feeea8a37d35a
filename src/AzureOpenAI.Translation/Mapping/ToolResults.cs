using System.Text.Json;
using AzureOpenAI.Translation.OpenAI;

namespace AzureOpenAI.Translation.Mapping;

/// <summary>
/// A <c>tool_result</c> block → a <c>tool</c> message. Tool messages take text only, so images (and PDFs) in the result
/// are replaced by a placeholder and moved to <c>movedParts</c>, which the caller sends in the user message that
/// follows the tool messages. <c>is_error</c> prefixes the text with <c>Error: </c>.
/// </summary>
internal static class ToolResults
{
    internal const string ErrorPrefix = "Error: ";
    internal const string ImagePlaceholder = "[image: attached in the next user message]";
    internal const string FilePlaceholder = "[file: attached in the next user message]";
    internal const string MovedPartsIntro = "Attachments returned by the tool results above:";

    public static ChatMessage ToToolMessage(JsonElement block, FieldPath path, List<ChatContentPart> movedParts)
    {
        var toolUseId = ContentBlocks.RequiredString(block, "tool_use_id", path);
        var text = block.TryGetProperty("content"u8, out var content) ? ToText(content, path, movedParts) : "";
        if (ContentBlocks.IsTrue(block, "is_error")) text = ErrorPrefix + text;
        return ChatMessage.ToolResult(ToolCallIds.ToUpstream(toolUseId), text);
    }

    private static string ToText(JsonElement content, FieldPath path, List<ChatContentPart> movedParts)
    {
        switch (content.ValueKind)
        {
            case JsonValueKind.Null:
                return "";
            case JsonValueKind.String:
                return content.GetString()!;
            case JsonValueKind.Array:
                var parts = new List<ChatContentPart>();
                var index = 0;
                foreach (var inner in content.EnumerateArray())
                {
                    var innerPath = path.AtInner(index++);
                    // tool_reference and other non-content blocks carry nothing a tool message can hold: dropped.
                    UserContent.AppendPart(parts, inner, ContentBlocks.TypeOf(inner, innerPath), innerPath);
                }
                return string.Join('\n', parts.Select(part => ToTextOrPlaceholder(part, movedParts)));
            default:
                throw ContentBlocks.Invalid(path.Field("content"), "expected a string or an array of content blocks");
        }
    }

    private static string ToTextOrPlaceholder(ChatContentPart part, List<ChatContentPart> movedParts)
    {
        if (part is TextPart text) return text.Text;
        movedParts.Add(part);
        return part is ImageUrlPart ? ImagePlaceholder : FilePlaceholder;
    }
}
