using System.IO.Hashing;
using System.Runtime.InteropServices;
using Microsoft.ML.Tokenizers;

namespace AzureOpenAI.Translation.Tokens;

/// <summary>A tiktoken encoding by name, with the seed that keeps its memoized counts apart from other encodings'.</summary>
internal sealed class TokenEncoding(string name, Tokenizer tokenizer)
{
    public string Name { get; } = name;
    public Tokenizer Tokenizer { get; } = tokenizer;
    public long Seed { get; } = (long)XxHash3.HashToUInt64(MemoryMarshal.AsBytes(name.AsSpan()));
}
