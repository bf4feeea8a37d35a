using Microsoft.ML.Tokenizers;

namespace AzureOpenAI.Translation.Tokens;

/// <summary>
/// Tiktoken counting with BPE bounded to short windows. Tiktoken's BPE is quadratic in the length of one pre-token,
/// and a pre-token is what its regex cannot split: a long word, a row of <c>=</c> or of spaces. Pre-tokens longer than
/// <see cref="MaxPreTokenChars"/> are encoded <see cref="WindowChars"/> at a time; each window keeps only its settled
/// tokens (all but the last, which might merge with what follows) and the next window starts where the last one
/// began, so the count matches the unsplit one except where a merge would have reached across a whole window.
/// </summary>
internal static class ChunkedBpe
{
    internal const int MaxPreTokenChars = 256;
    internal const int WindowChars = 512;

    /// <summary>The count of <paramref name="text"/>, linear in its length.</summary>
    public static int Count(Tokenizer tokenizer, string text, int start, int length)
    {
        if (length <= MaxPreTokenChars || tokenizer.PreTokenizer is not { } preTokenizer)
            return tokenizer.CountTokens(text.AsSpan(start, length));
        var total = 0;
        foreach (var (offset, preTokenLength) in preTokenizer.PreTokenize(text.AsSpan(start, length)))
        {
            var preToken = text.AsSpan(start + offset, preTokenLength);
            total += preTokenLength <= MaxPreTokenChars ? tokenizer.CountTokens(preToken, considerPreTokenization: false) : LongPreToken(tokenizer, preToken);
        }
        return total;
    }

    /// <summary>
    /// The tokens of <paramref name="window"/> that no following text could change (all but those sharing the last
    /// token's first character) and how many characters they cover; the whole window when it is a single token.
    /// </summary>
    public static (int Tokens, int Chars) Settled(Tokenizer tokenizer, ReadOnlySpan<char> window, bool preTokenize)
    {
        var tokens = tokenizer.EncodeToTokens(window, out _, considerPreTokenization: preTokenize);
        var lastStart = tokens[^1].Offset.Start.Value;
        if (lastStart == 0) return (tokens.Count, window.Length);
        var settled = 0;
        foreach (var token in tokens)
            if (token.Offset.End.Value <= lastStart) settled++;
        return (settled, lastStart);
    }

    private static int LongPreToken(Tokenizer tokenizer, ReadOnlySpan<char> preToken)
    {
        var total = 0;
        while (preToken.Length > WindowChars)
        {
            var window = preToken[..WholeChars(preToken, WindowChars)];
            var (tokens, chars) = Settled(tokenizer, window, preTokenize: false);
            total += tokens;
            preToken = preToken[chars..];
        }
        return total + tokenizer.CountTokens(preToken, considerPreTokenization: false);
    }

    /// <summary><paramref name="length"/>, or one less so a window never ends between the halves of a surrogate pair.</summary>
    internal static int WholeChars(ReadOnlySpan<char> text, int length) =>
        length < text.Length && char.IsLowSurrogate(text[length]) ? length - 1 : length;
}
