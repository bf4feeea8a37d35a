using System.Text.Json;
using AzureOpenAI.Translation.OpenAI;

namespace AzureOpenAI.Translation.Mapping;

/// <summary>
/// Assistant content → one <see cref="AssistantMessage"/>: text blocks joined, <c>tool_use</c> blocks as tool calls (ids
/// and names mapped for the upstream, arguments = compact JSON of <c>input</c>), <c>thinking</c> kept as text (which
/// only DeepSeek-like providers get back, <see cref="DeploymentOptions.EchoReasoningContent"/>) and, when its signature
/// carries a Responses reasoning item, as a replay. <c>redacted_thinking</c> is opaque to any other provider and always
/// dropped, as are server-tool blocks; a type the translator does not know follows <see cref="UnknownBlocks"/>.
/// </summary>
internal static class AssistantContent
{
    private const string TextSeparator = "\n\n";

    /// <summary>Appends the blocks of one Anthropic assistant message to <paramref name="message"/>.</summary>
    public static void AppendTo(AssistantMessage message, JsonElement content, FieldPath path, ToolNameMap toolNames)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            AppendText(message, content.GetString()!);
            return;
        }
        var index = 0;
        foreach (var block in content.EnumerateArray())
        {
            var blockPath = path.AtBlock(index++);
            var type = ContentBlocks.TypeOf(block, blockPath);
            switch (type)
            {
                case "text":
                    AppendText(message, ContentBlocks.RequiredString(block, "text", blockPath));
                    break;
                case "tool_use":
                    message.ToolCalls.Add(ToToolCall(block, blockPath, toolNames));
                    break;
                case "thinking":
                    AppendThinking(message, block, blockPath);
                    break;
                default:
                    if (UnknownBlocks.StandIn(block, type) is { } standIn) AppendText(message, standIn);
                    break;
            }
        }
    }

    /// <summary>
    /// A thinking block whose signature carries a Responses reasoning item (<see cref="ReasoningSignature"/>) is kept for
    /// replay; the text is kept either way, for the providers that want it echoed.
    /// </summary>
    private static void AppendThinking(AssistantMessage message, JsonElement block, FieldPath path)
    {
        var thinking = ContentBlocks.OptionalString(block, "thinking", path);
        if (ReasoningSignature.TryDecode(ContentBlocks.OptionalString(block, "signature", path), out var id, out var encrypted, out var issuer))
            message.Reasoning.Add(new ReasoningReplay(id, encrypted, string.IsNullOrEmpty(thinking) ? null : thinking, issuer));
        if (!string.IsNullOrEmpty(thinking))
            message.Thinking = message.Thinking is null ? thinking : message.Thinking + TextSeparator + thinking;
    }

    private static ToolCall ToToolCall(JsonElement block, FieldPath path, ToolNameMap toolNames)
    {
        var id = ContentBlocks.RequiredString(block, "id", path);
        var name = ContentBlocks.RequiredString(block, "name", path);
        return new ToolCall(ToolCallIds.ToUpstream(id), toolNames.ToUpstream(name), ToArguments(block));
    }

    /// <summary>The <c>input</c> object as compact JSON text, written from the parsed element (never re-parsed).</summary>
    internal static string ToArguments(JsonElement toolUse)
    {
        if (!toolUse.TryGetProperty("input"u8, out var input) || input.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
            return "{}";
        return WireJson.WriteText(input, static (writer, json) => json.WriteTo(writer));
    }

    private static void AppendText(AssistantMessage message, string text)
    {
        if (text.Length == 0) return;
        message.Text = message.Text is null ? text : message.Text + TextSeparator + text;
    }
}
