using System.Text.Json;
using AzureOpenAI.Translation.OpenAI;

namespace AzureOpenAI.Translation.Mapping;

/// <summary>
/// Accumulates one Anthropic user turn (one message, or several consecutive ones when merging) and emits it in the
/// order Chat Completions needs: first a <c>tool</c> message per <c>tool_result</c>, then one user message holding
/// the attachments moved out of those results followed by the rest of the turn's content.
/// </summary>
/// With <c>keepToolAttachments</c> (the Responses API), attachments stay in their tool result instead.
internal sealed class UserTurn(bool keepToolAttachments = false)
{
    private readonly List<ChatMessage> _toolMessages = [];
    private readonly List<ChatContentPart> _movedParts = [];
    private readonly List<ChatContentPart> _parts = [];

    public void Add(JsonElement content, FieldPath path)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            var text = content.GetString()!;
            if (text.Length > 0) _parts.Add(new TextPart(text));
            return;
        }
        var index = 0;
        foreach (var block in content.EnumerateArray())
        {
            var blockPath = path.AtBlock(index++);
            var type = ContentBlocks.TypeOf(block, blockPath);
            if (type == "tool_result") _toolMessages.Add(ToolResults.ToToolMessage(block, blockPath, keepToolAttachments ? null : _movedParts));
            else UserContent.AppendPart(_parts, block, type, blockPath);
        }
    }

    public void EmitTo(List<ChatMessage> output)
    {
        output.AddRange(_toolMessages);
        var parts = new List<ChatContentPart>(_movedParts.Count + _parts.Count + 1);
        if (_movedParts.Count > 0)
        {
            parts.Add(new TextPart(ToolResults.MovedPartsIntro));
            parts.AddRange(_movedParts);
        }
        parts.AddRange(_parts);
        if (parts.Count > 0) output.Add(new ChatMessage(ChatRoles.User) { Parts = parts });
    }
}
