using AzureOpenAI.Translation.Anthropic;

namespace AzureOpenAI.Translation.Mapping;

/// <summary>
/// Where the <c>role:"system"</c> messages of <c>messages[]</c> go. Those before the first assistant turn belong to the
/// start of the prompt (Claude Code's environment and hook output) and fold into the one system message, the same bytes
/// on every turn. A later one stays where it was added, as a marked text part leading the next user turn: folding it into
/// the system message would change the very start of the prompt and defeat the upstream's prefix cache, the reason
/// Anthropic added system messages in place (platform.claude.com/docs/en/build-with-claude/mid-conversation-system-messages).
/// OpenAI and Azure get no mid-conversation system role, which some of them reject.
/// </summary>
internal sealed class MidConversationSystem(List<string> systemPieces, EffectiveToolSet tools)
{
    private readonly List<string> _pending = [];
    private bool _answered;

    public bool HasPending => _pending.Count > 0;

    /// <summary>From the first assistant turn on, system messages stay in place.</summary>
    public void MarkAnswered() => _answered = true;

    public void Add(InputMessage message, FieldPath path)
    {
        if (!_answered)
        {
            SystemPrompt.AppendTo(systemPieces, message.Content, path, path.Field("content"), tools);
            return;
        }
        var pieces = new List<string>();
        SystemPrompt.AppendTo(pieces, message.Content, path, path.Field("content"), tools);
        if (SystemPrompt.Join(pieces) is { } text) _pending.Add($"<system-reminder>\n{text}\n</system-reminder>");
    }

    /// <summary>The pending system messages lead <paramref name="user"/>'s content.</summary>
    public void MoveInto(UserTurn user)
    {
        foreach (var note in _pending) user.AddText(note);
        _pending.Clear();
    }
}
