using Microsoft.ML.Tokenizers;

namespace AzureOpenAI.Translation.Tokens;

/// <summary>
/// The tiktoken encoding for an upstream model name: cl100k_base for the gpt-4 / gpt-3.5 generation, o200k_base for
/// gpt-4o, gpt-4.1, gpt-5, the o-series and any name it does not recognise (Azure deployment names are arbitrary,
/// and current models use o200k). Each tokenizer is built once, on first use; instances are thread-safe.
/// </summary>
internal static class TokenizerCatalog
{
    private static readonly Lazy<TokenEncoding> O200k = new(() => Create("o200k_base"), LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<TokenEncoding> Cl100k = new(() => Create("cl100k_base"), LazyThreadSafetyMode.ExecutionAndPublication);

    public static TokenEncoding For(string upstreamModel) => UsesCl100k(upstreamModel) ? Cl100k.Value : O200k.Value;

    /// <summary>gpt-3.5*, gpt-35* (Azure spelling) and gpt-4 / gpt-4-turbo / gpt-4-32k, but not gpt-4o or gpt-4.1.</summary>
    internal static bool UsesCl100k(string upstreamModel)
    {
        var name = upstreamModel.Trim().ToLowerInvariant();
        var slash = name.LastIndexOf('/');
        if (slash >= 0) name = name[(slash + 1)..]; // "openai/gpt-4" as some compatible servers name models
        if (name.StartsWith("gpt-3.5", StringComparison.Ordinal) || name.StartsWith("gpt-35", StringComparison.Ordinal)) return true;
        return name.StartsWith("gpt-4", StringComparison.Ordinal) && (name.Length == 5 || name[5] == '-');
    }

    private static TokenEncoding Create(string encoding) => new(encoding, TiktokenTokenizer.CreateForEncoding(encoding));
}
