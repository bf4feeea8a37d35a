using AzureOpenAI.Translation.Anthropic;
using AzureOpenAI.Translation.Tokens;

namespace AzureOpenAI.Proxy.Upstream;

/// <summary>
/// Refuses a request that cannot fit the backend's input window before any upstream call, with the wording that makes
/// Claude Code compact (<c>prompt is too long: N tokens &gt; M maximum</c>). Only a request whose size estimate reaches
/// <see cref="CountFromShareOfWindow"/> of the window is tokenized (once per request, kept in its
/// <see cref="PromptMeasure"/>); smaller ones pass untouched, so ordinary requests never pay for a count.
/// </summary>
internal sealed class ContextWindowGuard(Func<MessagesRequest, string, int> countTokens)
{
    /// <summary>Dense text (code, JSON, CJK) can hold up to twice the tokens of the size estimate: count from half the window.</summary>
    public const double CountFromShareOfWindow = 0.5;

    public static ContextWindowGuard Default { get; } = new(TokenCounter.CountInputTokens);

    /// <summary>The error to answer with when the prompt exceeds <paramref name="window"/>, else null.</summary>
    public AnthropicError? Check(MessagesRequest request, PromptMeasure prompt, string deployment, int? window)
    {
        if (window is not { } maximum || prompt.Estimate < maximum * CountFromShareOfWindow) return null;
        var tokens = prompt.Counted ??= countTokens(request, deployment);
        return tokens > maximum
            ? new AnthropicError(AnthropicErrorType.InvalidRequest, $"prompt is too long: {tokens} tokens > {maximum} maximum")
            : null;
    }
}
