using System.Text.Json;
using AzureOpenAI.Translation.OpenAI;

namespace AzureOpenAI.Translation.Mapping;

/// <summary>
/// Accumulates one Anthropic user turn (one message, or several consecutive ones when merging) and emits it in the
/// order both APIs need: first a <see cref="ToolResult"/> per <c>tool_result</c> block, then one
/// <see cref="UserMessage"/> with the rest of the turn's content. <c>tool_reference</c> blocks go to the
/// <see cref="EffectiveToolSet"/>, never into the content.
/// </summary>
internal sealed class UserTurn(EffectiveToolSet tools)
{
    private readonly List<ToolResult> _results = [];
    private readonly List<ContentPart> _parts = [];

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
            if (type == "tool_result") _results.Add(ToolResults.From(block, blockPath, tools));
            else if (type == "tool_reference") tools.Reference(block);
            else UserContent.AppendPart(_parts, block, type, blockPath);
        }
    }

    public void AddText(string text) => _parts.Add(new TextPart(text));

    public void EmitTo(List<ConversationItem> output)
    {
        output.AddRange(_results);
        if (_parts.Count > 0) output.Add(new UserMessage(_parts));
    }
}
