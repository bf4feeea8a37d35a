using System.Text.Json;

namespace AzureOpenAI.Translation.Anthropic;

/// <summary>
/// Token usage in Anthropic's terms: <see cref="InputTokens"/> excludes the cached tokens (PROTOCOL.md §1.5).
/// <see cref="ReasoningTokens"/>, the part of the output spent on reasoning, is the proxy's to know (usage records):
/// Anthropic's wire format has no place for it.
/// </summary>
internal readonly record struct AnthropicUsage(int InputTokens, int OutputTokens, int CacheReadInputTokens, int CacheCreationInputTokens,
    int ReasoningTokens = 0)
{
    public MessageUsage ToMessageUsage() => new(InputTokens, OutputTokens, CacheReadInputTokens, CacheCreationInputTokens, ReasoningTokens);

    /// <summary>The <c>usage</c> object of a <c>Message</c>, with every field the spec marks as required.</summary>
    internal void WriteMessageUsage(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("usage"u8);
        WriteCounts(writer);
        writer.WriteStartObject("cache_creation"u8);
        writer.WriteNumber("ephemeral_5m_input_tokens"u8, CacheCreationInputTokens);
        writer.WriteNumber("ephemeral_1h_input_tokens"u8, 0);
        writer.WriteEndObject();
        writer.WriteNull("server_tool_use"u8);
        writer.WriteString("service_tier"u8, "standard"u8);
        writer.WriteNull("inference_geo"u8);
        writer.WriteEndObject();
    }

    /// <summary>The cumulative <c>usage</c> of <c>message_delta</c>.</summary>
    internal void WriteDeltaUsage(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("usage"u8);
        WriteCounts(writer);
        writer.WriteNull("server_tool_use"u8);
        writer.WriteEndObject();
    }

    private void WriteCounts(Utf8JsonWriter writer)
    {
        writer.WriteNumber("input_tokens"u8, InputTokens);
        writer.WriteNumber("cache_creation_input_tokens"u8, CacheCreationInputTokens);
        writer.WriteNumber("cache_read_input_tokens"u8, CacheReadInputTokens);
        writer.WriteNumber("output_tokens"u8, OutputTokens);
    }
}
