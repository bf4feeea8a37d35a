using System.Text.Json;
using AzureOpenAI.Translation.Anthropic;

namespace AzureOpenAI.Translation.Mapping;

/// <summary>
/// <c>system</c> + <c>messages[]</c> → the system text and the <see cref="ConversationItem"/>s, in three steps:
/// <list type="number">
/// <item>read turn by turn; <c>role:"system"</c> entries go where <see cref="MidConversationSystem"/> says, and with
/// <see cref="DeploymentOptions.MergeConsecutiveRoles"/> consecutive same-role messages form one turn (as Anthropic
/// itself treats them), so their tool results all answer the preceding tool calls;</item>
/// <item><see cref="HistoryRepair"/> makes every tool call answered and every result answer a call;</item>
/// <item><see cref="RoleMerging"/> joins same-role neighbours that the first two steps left behind.</item>
/// </list>
/// </summary>
internal static class ConversationReader
{
    public static (string? System, List<ConversationItem> Items) Read(MessagesRequest request, ToolNameMap toolNames, bool mergeConsecutiveRoles,
        EffectiveToolSet tools)
    {
        var messages = request.Messages ?? throw ContentBlocks.Invalid("messages", "field required");
        if (messages.Count == 0) throw ContentBlocks.Invalid("messages", "at least one message is required");

        var systemPieces = new List<string>();
        SystemPrompt.AppendTo(systemPieces, request.System, new FieldPath("system"), "system", tools);
        var items = ReadTurns(messages, toolNames, mergeConsecutiveRoles, systemPieces, tools);
        items = HistoryRepair.Repair(items);
        if (mergeConsecutiveRoles) RoleMerging.MergeConsecutive(items);
        return (SystemPrompt.Join(systemPieces), items);
    }

    private static List<ConversationItem> ReadTurns(List<InputMessage> messages, ToolNameMap toolNames, bool mergeConsecutiveRoles,
        List<string> systemPieces, EffectiveToolSet tools)
    {
        var output = new List<ConversationItem>(messages.Count + 8);
        UserTurn? user = null;
        AssistantMessage? assistant = null;
        var system = new MidConversationSystem(systemPieces, tools);
        for (var i = 0; i < messages.Count; i++)
        {
            var path = FieldPath.Message(i);
            var message = messages[i] ?? throw ContentBlocks.Invalid(path.Field(), "expected a message object");
            switch (message.Role)
            {
                case "system":
                    system.Add(message, path);
                    continue; // does not end the current turn
                case "user":
                    RequireContent(message, path);
                    if (user is null || !mergeConsecutiveRoles) Flush(output, ref user, ref assistant);
                    user ??= new UserTurn(tools);
                    system.MoveInto(user);
                    user.Add(message.Content, path);
                    break;
                case "assistant":
                    RequireContent(message, path);
                    system.MarkAnswered();
                    if (user is not null) system.MoveInto(user); // a system message between a user and an assistant turn
                    if (assistant is null || !mergeConsecutiveRoles) Flush(output, ref user, ref assistant);
                    assistant ??= new AssistantMessage();
                    AssistantContent.AppendTo(assistant, message.Content, path, toolNames);
                    break;
                case null:
                    throw ContentBlocks.Invalid(path.Field("role"), "field required");
                default:
                    throw ContentBlocks.Invalid(path.Field("role"), $"unknown role \"{message.Role}\" (expected \"user\", \"assistant\" or \"system\")");
            }
        }
        if (system.HasPending)
        {
            if (user is null) Flush(output, ref user, ref assistant);
            user ??= new UserTurn(tools);
            system.MoveInto(user);
        }
        Flush(output, ref user, ref assistant);
        return output;
    }

    /// <summary>Emits the open turn, if any, and closes it.</summary>
    private static void Flush(List<ConversationItem> output, ref UserTurn? user, ref AssistantMessage? assistant)
    {
        user?.EmitTo(output);
        if (assistant is { IsEmpty: false }) output.Add(assistant);
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
