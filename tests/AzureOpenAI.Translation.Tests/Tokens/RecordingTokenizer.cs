using Microsoft.ML.Tokenizers;

namespace AzureOpenAI.Translation.Tests.Tokens;

/// <summary>
/// A real tiktoken tokenizer that records how much BPE work it was given: the longest single BPE input (a pre-token,
/// or the whole span when pre-tokenization is off) and the characters encoded in all. BPE is quadratic in the first,
/// so these bound the cost deterministically, with no clock. <see cref="Calls"/> counts every encode or count asked of it.
/// </summary>
internal sealed class RecordingTokenizer(Tokenizer inner) : Tokenizer
{
    public int LongestBpeInput { get; private set; }
    public long CharsEncoded { get; private set; }
    public int Calls { get; private set; }

    public override PreTokenizer? PreTokenizer => inner.PreTokenizer;

    protected override EncodeResults<EncodedToken> EncodeToTokens(string? text, ReadOnlySpan<char> textSpan, EncodeSettings settings)
    {
        var span = Record(text, textSpan, settings);
        var tokens = inner.EncodeToTokens(span, out var normalized, settings.ConsiderPreTokenization, settings.ConsiderNormalization);
        return new EncodeResults<EncodedToken> { Tokens = tokens, NormalizedText = normalized, CharsConsumed = span.Length };
    }

    protected override int CountTokens(string? text, ReadOnlySpan<char> textSpan, EncodeSettings settings)
    {
        var span = Record(text, textSpan, settings);
        return inner.CountTokens(span, settings.ConsiderPreTokenization, settings.ConsiderNormalization);
    }

    protected override int GetIndexByTokenCount(string? text, ReadOnlySpan<char> textSpan, EncodeSettings settings, bool fromEnd,
        out string? normalizedText, out int tokenCount) => throw new NotSupportedException();

    public override System.Buffers.OperationStatus Decode(IEnumerable<int> ids, Span<char> destination, out int idsConsumed, out int charsWritten) =>
        inner.Decode(ids, destination, out idsConsumed, out charsWritten);

    private ReadOnlySpan<char> Record(string? text, ReadOnlySpan<char> textSpan, EncodeSettings settings)
    {
        var span = text is null ? textSpan : text.AsSpan();
        Calls++;
        CharsEncoded += span.Length;
        if (!settings.ConsiderPreTokenization || inner.PreTokenizer is null)
            LongestBpeInput = Math.Max(LongestBpeInput, span.Length);
        else
            foreach (var (_, length) in inner.PreTokenizer.PreTokenize(span))
                LongestBpeInput = Math.Max(LongestBpeInput, length);
        return span;
    }
}
