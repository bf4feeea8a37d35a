using System.Text.Json;
using AzureOpenAI.Translation.OpenAI;

namespace AzureOpenAI.Translation.Mapping;

/// <summary>
/// A <c>tool_result</c> block → a <c>tool</c> message. Chat tool messages take text only, so images (and PDFs) in the
/// result are replaced by a placeholder and moved to <c>movedParts</c>, which the caller sends in the user message that
/// follows the tool messages. The Responses API takes them in the output itself: with <c>movedParts</c> null they stay
/// as the message's parts. <c>is_error</c> prefixes the text with <c>Error: </c>.
/// </summary>
internal static class ToolResults
{
    internal const string ErrorPrefix = "Error: ";
    internal const string ImagePlaceholder = "[image: attached in the next user message]";
    internal const string FilePlaceholder = "[file: attached in the next user message]";
    internal const string MovedPartsIntro = "Attachments returned by the tool results above:";

    public static ChatMessage ToToolMessage(JsonElement block, FieldPath path, List<ChatContentPart>? movedParts)
    {
        var toolUseId = ContentBlocks.RequiredString(block, "tool_use_id", path);
        var parts = block.TryGetProperty("content"u8, out var content) ? ToParts(content, path) : [];
        var message = ChatMessage.ToolResult(ToolCallIds.ToUpstream(toolUseId), "");
        if (movedParts is null && parts.Exists(part => part is not TextPart))
        {
            if (ContentBlocks.IsTrue(block, "is_error")) parts.Insert(0, new TextPart(ErrorPrefix.TrimEnd()));
            message.Text = null;
            message.Parts = parts;
            return message;
        }
        var text = string.Join('\n', parts.Select(part => ToTextOrPlaceholder(part, movedParts!)));
        message.Text = ContentBlocks.IsTrue(block, "is_error") ? ErrorPrefix + text : text;
        return message;
    }

    private static List<ChatContentPart> ToParts(JsonElement content, FieldPath path)
    {
        switch (content.ValueKind)
        {
            case JsonValueKind.Null:
                return [];
            case JsonValueKind.String:
                return [new TextPart(content.GetString()!)];
            case JsonValueKind.Array:
                var parts = new List<ChatContentPart>();
                var index = 0;
                foreach (var inner in content.EnumerateArray())
                {
                    var innerPath = path.AtInner(index++);
                    // tool_reference and other non-content blocks carry nothing a tool message can hold: dropped.
                    UserContent.AppendPart(parts, inner, ContentBlocks.TypeOf(inner, innerPath), innerPath);
                }
                return parts;
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
