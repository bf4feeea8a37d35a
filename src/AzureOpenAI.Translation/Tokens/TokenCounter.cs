using System.Runtime.InteropServices;
using System.Text.Json;
using AzureOpenAI.Translation.Anthropic;
using Microsoft.ML.Tokenizers;

namespace AzureOpenAI.Translation.Tokens;

/// <summary>
/// Local input-token count for <c>count_tokens</c> and the <c>message_start</c> estimate; never calls upstream.
/// It counts what the upstream model will read, with OpenAI's cookbook accounting for chat: every message (the system
/// prompt included) costs <see cref="TokensPerMessage"/> plus its role and content, and the reply is primed with
/// <see cref="ReplyPrimingTokens"/>. Tool definitions count name, description and schema JSON; images follow
/// OpenAI's tile rule (<see cref="ImageTokens"/>).
/// <para>
/// A conversation resends everything before its new turn, so counts are memoized per content unit (each system
/// block, message and tool definition, <see cref="ContentUnitKey"/>) in <see cref="TokenCountCache.Shared"/>: a new
/// turn tokenizes only what is new.
/// </para>
/// </summary>
public static class TokenCounter
{
    internal const int TokensPerMessage = 3;
    internal const int ReplyPrimingTokens = 3;

    /// <summary>A PDF page read as text and image: OpenAI bills roughly this much per page (a documented estimate).</summary>
    internal const int TokensPerPdfPage = 1000;

    /// <summary>The rule of thumb for JSON and English: about four bytes a token.</summary>
    private const int BytesPerToken = 4;

    /// <summary>Counts system, messages, tool_use inputs, tool results, tool definitions and images for <paramref name="upstreamModel"/>'s encoding.</summary>
    public static int CountInputTokens(MessagesRequest request, string upstreamModel) =>
        CountInputTokens(request, TokenizerCatalog.For(upstreamModel ?? ""), TokenCountCache.Shared);

    /// <summary>The count with <paramref name="cache"/>, or, when it is null, with every unit counted afresh.</summary>
    internal static int CountInputTokens(MessagesRequest request, TokenEncoding encoding, TokenCountCache? cache)
    {
        ArgumentNullException.ThrowIfNull(request);
        var units = new MemoizedUnits(encoding, cache);
        var total = ReplyPrimingTokens;
        if (request.System.ValueKind == JsonValueKind.String)
            total += units.Message("system", request.System);
        else if (request.System.ValueKind == JsonValueKind.Array)
        {
            total += units.MessageOverhead("system");
            foreach (var block in request.System.EnumerateArray()) total += units.SystemBlock(block);
        }
        // Null entries are the mapping's 400; the estimate for message_start runs beside it and must not throw first.
        foreach (var message in request.Messages ?? [])
            if (message is not null) total += units.Message(message.Role ?? "user", message.Content);
        foreach (var tool in request.Tools ?? [])
            if (tool is not null) total += units.Tool(tool);
        return total;
    }

    /// <summary>
    /// An instant estimate from the size of the request's content (its JSON bytes over <see cref="BytesPerToken"/>), for
    /// a <c>message_start</c> that must not wait for <see cref="CountInputTokens(MessagesRequest, string)"/>.
    /// </summary>
    public static int EstimateFromSize(MessagesRequest request) => (int)Math.Min(int.MaxValue, ContentBytes(request) / BytesPerToken);

    /// <summary>
    /// The UTF-8 size of what a request asks the model to read (system, message contents, tool definitions): the base
    /// of every estimate that must cost nothing. Null entries (the mapping's 400) count nothing.
    /// </summary>
    public static long ContentBytes(MessagesRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        long bytes = RawLength(request.System);
        foreach (var message in request.Messages ?? []) bytes += message is null ? 0 : RawLength(message.Content);
        foreach (var tool in request.Tools ?? [])
            if (tool is not null) bytes += (tool.Name?.Length ?? 0) + (tool.Description?.Length ?? 0) + RawLength(tool.InputSchema);
        return bytes;
    }

    private static int RawLength(JsonElement element) =>
        element.ValueKind == JsonValueKind.Undefined ? 0 : JsonMarshal.GetRawUtf8Value(element).Length;

    /// <summary>Each unit's count from the cache, or counted and remembered; all counted afresh without a cache.</summary>
    private readonly struct MemoizedUnits(TokenEncoding encoding, TokenCountCache? cache)
    {
        public int Message(string role, JsonElement content) => Memoized((role, content),
            static (e, s) => ContentUnitKey.Message(e, s.role, s.content), static (t, s) => ContentTokens.Message(t, s.role, s.content));

        public int MessageOverhead(string role) => Memoized(role, ContentUnitKey.MessageOverhead, ContentTokens.MessageOverhead);

        public int SystemBlock(JsonElement block) => Memoized(block, ContentUnitKey.SystemBlock, ContentTokens.Block);

        public int Tool(ToolDefinition tool) => Memoized(tool, ContentUnitKey.Tool, ContentTokens.Tool);

        private int Memoized<TUnit>(TUnit unit, Func<TokenEncoding, TUnit, UInt128> keyOf, Func<Tokenizer, TUnit, int> count)
        {
            if (cache is null) return count(encoding.Tokenizer, unit);
            var key = keyOf(encoding, unit);
            if (cache.TryGet(key, out var tokens)) return tokens;
            tokens = count(encoding.Tokenizer, unit);
            cache.Add(key, tokens);
            return tokens;
        }
    }
}
