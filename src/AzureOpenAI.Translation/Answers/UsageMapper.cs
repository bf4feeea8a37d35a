using System.Text.Json;
using AzureOpenAI.Translation.Anthropic;

namespace AzureOpenAI.Translation.Answers;

/// <summary>
/// Chat Completions or Responses <c>usage</c> → <see cref="AnthropicUsage"/> (PROTOCOL.md §5.2; Responses names them
/// <c>input_tokens</c>, <c>input_tokens_details</c> and <c>output_tokens</c>, with the same meaning). <c>prompt_tokens</c> includes the
/// cached tokens and <c>completion_tokens</c> includes reasoning, so input = prompt − cache read − cache write and
/// output = completion. Cache reads come from <c>prompt_tokens_details.cached_tokens</c> (OpenAI, Azure) or
/// <c>prompt_cache_hit_tokens</c> (DeepSeek); cache writes from <c>prompt_tokens_details.cache_write_tokens</c> (OpenRouter).
/// </summary>
internal static class UsageMapper
{
    /// <summary>Reads the usage object the reader is positioned on (its <c>StartObject</c>) and leaves it on the <c>EndObject</c>.</summary>
    public static AnthropicUsage Read(ref Utf8JsonReader reader)
    {
        int prompt = 0, completion = 0, cached = 0, cacheHit = 0, cacheWrite = 0, reasoning = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("prompt_tokens"u8) || reader.ValueTextEquals("input_tokens"u8)) prompt = ReadCount(ref reader);
            else if (reader.ValueTextEquals("completion_tokens"u8) || reader.ValueTextEquals("output_tokens"u8)) completion = ReadCount(ref reader);
            else if (reader.ValueTextEquals("prompt_cache_hit_tokens"u8)) cacheHit = ReadCount(ref reader);
            else if (reader.ValueTextEquals("prompt_tokens_details"u8) || reader.ValueTextEquals("input_tokens_details"u8))
                ReadPromptDetails(ref reader, ref cached, ref cacheWrite);
            else if (reader.ValueTextEquals("completion_tokens_details"u8) || reader.ValueTextEquals("output_tokens_details"u8))
                reasoning = ReadReasoning(ref reader);
            else reader.Skip();
        }
        if (cached == 0) cached = cacheHit;
        return new AnthropicUsage(Math.Max(0, prompt - cached - cacheWrite), completion, cached, cacheWrite, reasoning);
    }

    /// <summary><c>reasoning_tokens</c> of <c>completion_tokens_details</c> / <c>output_tokens_details</c>.</summary>
    private static int ReadReasoning(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return 0;
        }
        var reasoning = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("reasoning_tokens"u8)) reasoning = ReadCount(ref reader);
            else reader.Skip();
        }
        return reasoning;
    }

    /// <summary>Reads a standalone usage object (the raw JSON of <c>usage</c>).</summary>
    public static AnthropicUsage Read(ReadOnlySpan<byte> usageJson)
    {
        var reader = new Utf8JsonReader(usageJson);
        return reader.Read() && reader.TokenType == JsonTokenType.StartObject ? Read(ref reader) : default;
    }

    private static void ReadPromptDetails(ref Utf8JsonReader reader, ref int cached, ref int cacheWrite)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("cached_tokens"u8)) cached = ReadCount(ref reader);
            else if (reader.ValueTextEquals("cache_write_tokens"u8)) cacheWrite = ReadCount(ref reader);
            else reader.Skip();
        }
    }

    /// <summary>A non-negative count; null, negative or non-integer values count as 0.</summary>
    private static int ReadCount(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value) && value > 0 ? value : 0;
    }
}
