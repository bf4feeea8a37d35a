using Microsoft.ML.Tokenizers;

namespace AzureOpenAI.Translation.Tokens;

/// <summary>
/// A token count that stays cheap on any text, for <see cref="TokenCounter"/>. Text is counted exactly by
/// <see cref="ChunkedBpe"/> (linear), except a run of more than <see cref="SampledRunChars"/> characters without a
/// change between whitespace and the rest (a pasted base64 blob, a minified file without spaces, megabytes of one
/// character): such a run is data that is uniform enough to be estimated from <see cref="Samples"/> evenly spaced
/// windows, and counting it exactly would still cost about a microsecond a character.
/// </summary>
internal static class LinearTokenCount
{
    internal const int SampledRunChars = 64 * 1024;
    internal const int Samples = 32;
    internal const int SampleChars = ChunkedBpe.WindowChars; // so a sample costs no more than a window

    public static int Count(Tokenizer tokenizer, string text)
    {
        var total = 0;
        var pending = 0; // text since the last sampled run, counted exactly
        var runStart = 0;
        for (var i = 1; i <= text.Length; i++)
        {
            if (i < text.Length && char.IsWhiteSpace(text[i]) == char.IsWhiteSpace(text[i - 1])) continue;
            if (i - runStart > SampledRunChars)
            {
                total += ChunkedBpe.Count(tokenizer, text, pending, runStart - pending) + Estimate(tokenizer, text.AsSpan(runStart, i - runStart));
                pending = i;
            }
            runStart = i;
        }
        return total + ChunkedBpe.Count(tokenizer, text, pending, text.Length - pending);
    }

    /// <summary>The run's length times the tokens per character of its samples' settled tokens.</summary>
    private static int Estimate(Tokenizer tokenizer, ReadOnlySpan<char> run)
    {
        long tokens = 0, chars = 0;
        var stride = (run.Length - SampleChars) / (Samples - 1);
        for (var n = 0; n < Samples; n++)
        {
            var from = n * stride;
            var sample = run[(char.IsLowSurrogate(run[from]) ? from + 1 : from)..];
            var (settledTokens, settledChars) = ChunkedBpe.Settled(tokenizer, sample[..ChunkedBpe.WholeChars(sample, SampleChars)], preTokenize: true);
            tokens += settledTokens;
            chars += settledChars;
        }
        return (int)Math.Round((double)tokens * run.Length / chars);
    }
}
