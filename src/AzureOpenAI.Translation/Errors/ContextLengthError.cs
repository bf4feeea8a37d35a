using System.Globalization;
using System.Text.RegularExpressions;

namespace AzureOpenAI.Translation.Errors;

/// <summary>
/// Rewrites upstream context-window errors into the wording Claude Code reacts to (CLAUDE-CODE.md §4):
/// <c>prompt is too long: N tokens &gt; M maximum</c> makes it auto-compact, and
/// <c>input length and `max_tokens` exceed context limit: a + b &gt; c</c> makes it shrink <c>max_tokens</c> and retry.
/// Recognised: OpenAI/Azure ("maximum context length is M tokens. However, your messages resulted in N tokens",
/// "… you requested N tokens (a in the messages, b in the completion)"), vLLM ("your request has N input tokens"),
/// Mistral ("Prompt contains N tokens … too large for model with M maximum context length") and Gemini
/// ("The input token count (N) exceeds the maximum number of tokens allowed (M)").
/// </summary>
internal static partial class ContextLengthError
{
    private const string PromptTooLong = "prompt is too long";

    /// <summary>True and the rewritten message when <paramref name="message"/> or <paramref name="code"/> says the context overflowed.</summary>
    public static bool TryRewrite(string? message, string? code, out string rewritten)
    {
        message ??= "";
        var maximum = MaximumRegex().Match(message);
        if (maximum.Success)
        {
            var limit = Number(maximum, "max");
            var split = SplitRegex().Match(message);
            if (split.Success)
            {
                var input = Number(split, "input");
                rewritten = input < limit
                    ? $"input length and `max_tokens` exceed context limit: {input} + {Number(split, "output")} > {limit}"
                    : $"{PromptTooLong}: {input} tokens > {limit} maximum";
                return true;
            }
            var requested = RequestedRegex().Match(message);
            if (requested.Success)
            {
                rewritten = $"{PromptTooLong}: {Number(requested, "requested")} tokens > {limit} maximum";
                return true;
            }
        }
        if (message.StartsWith(PromptTooLong, StringComparison.OrdinalIgnoreCase))
        {
            rewritten = message;
            return true;
        }
        if (code == "context_length_exceeded" || message.Contains("context length", StringComparison.OrdinalIgnoreCase)
            || message.Contains("context window", StringComparison.OrdinalIgnoreCase))
        {
            // The numbers are unknown; the prefix alone still tells Claude Code to compact.
            rewritten = $"{PromptTooLong}: {message}";
            return true;
        }
        rewritten = "";
        return false;
    }

    private static int Number(Match match, string group) =>
        int.Parse(match.Groups[group].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"maximum context length is (?<max>\d{1,9}) tokens|(?<max>\d{1,9}) maximum context length|maximum number of tokens allowed \((?<max>\d{1,9})\)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MaximumRegex();

    [GeneratedRegex(@"(?<input>\d{1,9}) in the messages,\s*(?<output>\d{1,9}) in the completion|request has (?<input>\d{1,9}) input tokens \((?<output>\d{1,9}) >",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SplitRegex();

    [GeneratedRegex(@"(?:resulted in|requested|request has|contains)\s+(?<requested>\d{1,9})\s+(?:input\s+)?tokens|input token count \((?<requested>\d{1,9})\)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RequestedRegex();
}
