using System.Text;
using System.Text.Json;

namespace AzureOpenAI.Translation.Streaming;

/// <summary>
/// Slices of an upstream payload read with <see cref="Utf8JsonReader"/>, so the stream translators hand strings on
/// without unescaping or copying them.
/// </summary>
internal static class JsonSpans
{
    /// <summary>Moves to the property's value; true when it is a non-empty string (null, "" and other kinds are skipped).</summary>
    public static bool ReadNonEmptyString(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String) return reader.ValueSpan.Length > 0;
        reader.Skip();
        return false;
    }

    /// <summary>The current string token as it appears in the payload, quotes and escapes included.</summary>
    public static ReadOnlySpan<byte> Literal(scoped ref Utf8JsonReader reader, ReadOnlySpan<byte> data) =>
        data.Slice(checked((int)reader.TokenStartIndex), reader.ValueSpan.Length + 2);

    /// <summary>A short string value (id, name) as raw UTF-8, unescaped only in the rare case it carries escapes.</summary>
    public static ReadOnlySpan<byte> Utf8Value(scoped ref Utf8JsonReader reader, ReadOnlySpan<byte> data) =>
        reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(reader.GetString()!)
        : data.Slice(checked((int)reader.TokenStartIndex) + 1, reader.ValueSpan.Length);

    /// <summary>Moves to the property's value and returns it as raw UTF-8 when it is a string; empty otherwise.</summary>
    public static ReadOnlySpan<byte> ReadUtf8Value(scoped ref Utf8JsonReader reader, ReadOnlySpan<byte> data)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String) return Utf8Value(ref reader, data);
        reader.Skip();
        return default;
    }

    /// <summary>Moves to the property's value and returns its raw JSON when it is an object; empty otherwise.</summary>
    public static ReadOnlySpan<byte> ReadObject(scoped ref Utf8JsonReader reader, ReadOnlySpan<byte> data)
    {
        reader.Read();
        var start = checked((int)reader.TokenStartIndex);
        var isObject = reader.TokenType == JsonTokenType.StartObject;
        reader.Skip();
        return isObject ? data[start..checked((int)reader.BytesConsumed)] : default;
    }
}
