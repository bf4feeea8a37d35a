using System.Text.Json;
using AzureOpenAI.Translation.Anthropic;
using AzureOpenAI.Translation.OpenAI;

namespace AzureOpenAI.Translation.Mapping;

/// <summary>
/// <c>system</c> + <c>messages[]</c> → Chat messages, in three steps:
/// <list type="number">
/// <item>translate turn by turn; <c>role:"system"</c> entries are folded into the leading system message, and with
/// <see cref="ChatTranslationOptions.MergeConsecutiveRoles"/> consecutive same-role messages form one turn (as
/// Anthropic itself treats them), so their tool results all answer the preceding tool calls;</item>
/// <item><see cref="HistoryRepair"/> makes every tool call answered and every tool message answer a call;</item>
/// <item><see cref="RoleMerging"/> joins same-role neighbours that the first two steps left behind.</item>
/// </list>
/// </summary>
internal static class Conversation
{
    /// <param name="keepToolAttachments">
    /// Leave images and files inside the tool results (the Responses API accepts them there) instead of moving them to
    /// a user message.
    /// </param>
    public static List<ChatMessage> ToChatMessages(MessagesRequest request, ChatTranslationOptions options, ToolNameMap toolNames, bool keepToolAttachments = false)
    {
        var messages = request.Messages ?? throw ContentBlocks.Invalid("messages", "field required");
        if (messages.Count == 0) throw ContentBlocks.Invalid("messages", "at least one message is required");

        var systemPieces = new List<string>();
        SystemPrompt.AppendTo(systemPieces, request.System, new FieldPath("system"), "system");
        var output = Translate(messages, options, toolNames, systemPieces, keepToolAttachments);
        output = HistoryRepair.Repair(output);
        if (options.MergeConsecutiveRoles) RoleMerging.MergeConsecutive(output);
        if (SystemPrompt.Join(systemPieces) is { } system) output.Insert(0, new ChatMessage(ChatRoles.System) { Text = system });
        return output;
    }

    private static List<ChatMessage> Translate(List<InputMessage> messages, ChatTranslationOptions options, ToolNameMap toolNames, List<string> systemPieces,
        bool keepToolAttachments)
    {
        var output = new List<ChatMessage>(messages.Count + 8);
        UserTurn? user = null;
        ChatMessage? assistant = null;
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            var path = FieldPath.Message(i);
            switch (message.Role)
            {
                case "system":
                    SystemPrompt.AppendTo(systemPieces, message.Content, path, path.Field("content"));
                    continue; // folded: does not end the current turn
                case "user":
                    RequireContent(message, path);
                    if (user is null || !options.MergeConsecutiveRoles) Flush(output, ref user, ref assistant);
                    user ??= new UserTurn(keepToolAttachments);
                    user.Add(message.Content, path);
                    break;
                case "assistant":
                    RequireContent(message, path);
                    if (assistant is null || !options.MergeConsecutiveRoles) Flush(output, ref user, ref assistant);
                    assistant ??= new ChatMessage(ChatRoles.Assistant);
                    AssistantContent.AppendTo(assistant, message.Content, path, toolNames, options.EchoReasoningContent);
                    break;
                case null:
                    throw ContentBlocks.Invalid(path.Field("role"), "field required");
                default:
                    throw ContentBlocks.Invalid(path.Field("role"), $"unknown role \"{message.Role}\" (expected \"user\", \"assistant\" or \"system\")");
            }
        }
        Flush(output, ref user, ref assistant);
        return output;
    }

    /// <summary>Emits the open turn, if any, and closes it.</summary>
    private static void Flush(List<ChatMessage> output, ref UserTurn? user, ref ChatMessage? assistant)
    {
        user?.EmitTo(output);
        if (assistant is not null && !AssistantContent.IsEmpty(assistant)) output.Add(assistant);
        user = null;
        assistant = null;
    }

    private static void RequireContent(InputMessage message, FieldPath path)
    {
        switch (message.Content.ValueKind)
        {
            case JsonValueKind.String or JsonValueKind.Array: return;
            case JsonValueKind.Undefined: throw ContentBlocks.Invalid(path.Field("content"), "field required");
            default: throw ContentBlocks.Invalid(path.Field("content"), "expected a string or an array of content blocks");
        }
    }
}
