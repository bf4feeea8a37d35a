using AzureOpenAI.Translation.Mapping;

namespace AzureOpenAI.Translation.OpenAI;

/// <summary>One Chat Completions message, as <see cref="ChatRequestWriter"/> writes it.</summary>
internal sealed class ChatMessage(string role)
{
    public string Role { get; } = role;

    /// <summary>Plain text content (system, tool and assistant messages).</summary>
    public string? Text { get; init; }

    /// <summary>User content parts; written as a plain string when it is a single text part.</summary>
    public List<ContentPart>? Parts { get; init; }

    public List<ToolCall>? ToolCalls { get; init; }

    /// <summary>The upstream id of the call a <c>tool</c> message answers.</summary>
    public string? ToolCallId { get; init; }

    /// <summary>Echoed assistant thinking (DeepSeek-style <c>reasoning_content</c>).</summary>
    public string? ReasoningContent { get; init; }
}

internal static class ChatRoles
{
    public const string System = "system";
    public const string User = "user";
    public const string Assistant = "assistant";
    public const string Tool = "tool";
}
