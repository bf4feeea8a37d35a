using AzureOpenAI.Translation.Anthropic;

namespace AzureOpenAI.Translation.Mapping;

/// <summary>Upstream HTTP error (status + body) → Anthropic error (PROTOCOL.md §5.4, CLAUDE-CODE.md §4).</summary>
public static class UpstreamErrorMapper
{
    public static AnthropicError Map(int status, ReadOnlySpan<byte> body) =>
        throw new NotImplementedException("error mapping: issue #2 (helper: response/stream)");
}
