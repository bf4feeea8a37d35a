using AzureOpenAI.Translation.OpenAI;

namespace AzureOpenAI.Translation.Mapping;

/// <summary>
/// <see cref="Conversation"/> → Chat Completions messages: the system text first, then one message per item. Chat tool
/// messages take text only, so each image or file in a tool result is replaced by a placeholder and moved, after the
/// run of tool messages, into the user message that follows (a new one when none does), led by an intro line.
/// </summary>
internal static class ChatMessages
{
    internal const string ImagePlaceholder = "[image: attached in the next user message]";
    internal const string FilePlaceholder = "[file: attached in the next user message]";
    internal const string MovedPartsIntro = "Attachments returned by the tool results above:";

    /// <param name="echoThinking">Send assistant thinking back as <c>reasoning_content</c> (<see cref="DeploymentOptions.EchoReasoningContent"/>).</param>
    public static List<ChatMessage> From(Conversation conversation, bool echoThinking)
    {
        var messages = new List<ChatMessage>(conversation.Items.Count + 2);
        if (conversation.System is { } system) messages.Add(new ChatMessage(ChatRoles.System) { Text = system });
        var moved = new List<ContentPart>();
        foreach (var item in conversation.Items)
        {
            switch (item)
            {
                case ToolResult result:
                    messages.Add(ToToolMessage(result, moved));
                    break;
                case UserMessage user:
                    var parts = new List<ContentPart>(moved.Count + 1 + user.Parts.Count);
                    TakeMoved(moved, parts);
                    parts.AddRange(user.Parts);
                    messages.Add(new ChatMessage(ChatRoles.User) { Parts = parts });
                    break;
                case AssistantMessage assistant:
                    AddMovedMessage(moved, messages);
                    messages.Add(ToAssistantMessage(assistant, echoThinking));
                    break;
            }
        }
        AddMovedMessage(moved, messages);
        return messages;
    }

    private static ChatMessage ToToolMessage(ToolResult result, List<ContentPart> moved)
    {
        if (result.HasAttachments) result = MoveAttachments(result, moved);
        return new ChatMessage(ChatRoles.Tool) { ToolCallId = result.CallId, Text = result.Text };
    }

    /// <summary>The result with each attachment appended to <paramref name="moved"/> and replaced by a placeholder.</summary>
    private static ToolResult MoveAttachments(ToolResult result, List<ContentPart> moved)
    {
        var content = new List<ContentPart>(result.Content.Count);
        foreach (var part in result.Content)
        {
            if (part is TextPart) { content.Add(part); continue; }
            moved.Add(part);
            content.Add(new TextPart(part is ImageUrlPart ? ImagePlaceholder : FilePlaceholder));
        }
        return new ToolResult(result.CallId, content, result.IsError);
    }

    private static ChatMessage ToAssistantMessage(AssistantMessage assistant, bool echoThinking) => new(ChatRoles.Assistant)
    {
        Text = assistant.Text,
        ToolCalls = assistant.ToolCalls,
        ReasoningContent = echoThinking ? assistant.Thinking : null,
    };

    /// <summary>Attachments moved out of tool results that no user message followed get one of their own.</summary>
    private static void AddMovedMessage(List<ContentPart> moved, List<ChatMessage> messages)
    {
        if (moved.Count == 0) return;
        var parts = new List<ContentPart>(moved.Count + 1);
        TakeMoved(moved, parts);
        messages.Add(new ChatMessage(ChatRoles.User) { Parts = parts });
    }

    private static void TakeMoved(List<ContentPart> moved, List<ContentPart> parts)
    {
        if (moved.Count == 0) return;
        parts.Add(new TextPart(MovedPartsIntro));
        parts.AddRange(moved);
        moved.Clear();
    }
}
