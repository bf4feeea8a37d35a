using AzureOpenAI.Translation.Anthropic;
using AzureOpenAI.Translation.Tokens;

namespace AzureOpenAI.Proxy.Upstream;

/// <summary>
/// How many prompt tokens a request carries: a cheap estimate from its JSON size, taken for every request (no
/// tokenizer), and the real count, taken only when a context window is near (<see cref="ContextWindowGuard"/>).
/// </summary>
internal sealed class PromptMeasure
{
    /// <summary>
    /// UTF-8 bytes per token of the estimate. English prose runs near 4, code and JSON near 3: 3.5 keeps the TPM
    /// reservation on the safe side for prose and makes the window check count early enough for code.
    /// </summary>
    public const double BytesPerToken = 3.5;

    private PromptMeasure(int estimate, int? maxTokens)
    {
        Estimate = estimate;
        MaxTokens = maxTokens;
    }

    public int Estimate { get; }

    /// <summary>The output the client asked for (<c>max_tokens</c>): no more than this is reserved.</summary>
    public int? MaxTokens { get; }

    /// <summary>The tokenizer's count, once something needed it.</summary>
    public int? Counted { get; set; }

    /// <summary>The best number known: the count when taken, else the estimate.</summary>
    public int Tokens => Counted ?? Estimate;

    public static PromptMeasure Of(MessagesRequest request) =>
        new((int)Math.Min(int.MaxValue, Math.Ceiling(TokenCounter.ContentBytes(request) / BytesPerToken)), request.MaxTokens);
}
