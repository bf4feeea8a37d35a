using System.Buffers.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace AzureOpenAI.Translation.Mapping;

/// <summary>
/// Finds the first JSON string (value or property name) that is not Unicode text: raw bytes that are not UTF-8, or a
/// <c>\ud800</c>–<c>\udfff</c> escape without its pair. The JSON reader accepts both, and reading such a string later
/// throws deep inside the mapping or the token count, so the body is checked once, up front, naming the field.
/// </summary>
internal static class RequestText
{
    /// <summary>The dotted path of the offending string and what is wrong with it, or null when all text is valid.</summary>
    /// <exception cref="JsonException">The body is not JSON.</exception>
    public static (string Field, string Problem)? FindInvalid(ReadOnlySpan<byte> json)
    {
        // The common case costs two vectorized passes, with no reader: valid UTF-8, and every surrogate escape in a pair
        // (JSON holds backslashes only in strings, so the body's escapes are its strings' escapes). A body serialized
        // ASCII-only escapes every emoji as a pair; walking it with the reader cost as much as parsing it.
        if (Utf8.IsValid(json) && !HasUnpairedSurrogate(json)) return null;

        var reader = new Utf8JsonReader(json);
        var segments = new List<string>();
        var nextIndexes = new Stack<int>(); // per open container: the next array index, or -1 in an object
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    if (Problem(ref reader) is { } badName) return (Path(segments), "property name " + badName);
                    segments.Add(reader.GetString()!);
                    continue;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    nextIndexes.Pop();
                    EndValue(segments, nextIndexes);
                    continue;
            }
            if (nextIndexes.TryPeek(out var index) && index >= 0)
            {
                nextIndexes.Pop();
                nextIndexes.Push(index + 1);
                segments.Add(index.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                nextIndexes.Push(reader.TokenType == JsonTokenType.StartArray ? 0 : -1);
                continue;
            }
            if (reader.TokenType == JsonTokenType.String && Problem(ref reader) is { } badValue) return (Path(segments), badValue);
            EndValue(segments, nextIndexes);
        }
        return null;
    }

    /// <summary>A value ended: drop its name or index (the root value has none).</summary>
    private static void EndValue(List<string> segments, Stack<int> nextIndexes)
    {
        if (nextIndexes.Count > 0) segments.RemoveAt(segments.Count - 1);
    }

    private static string Path(List<string> segments) => segments.Count == 0 ? "body" : string.Join('.', segments);

    private static string? Problem(ref Utf8JsonReader reader)
    {
        var raw = reader.ValueSpan; // a span input never yields a value sequence
        if (!Utf8.IsValid(raw)) return "is not valid UTF-8";
        return reader.ValueIsEscaped && HasUnpairedSurrogate(raw) ? "holds an unpaired surrogate escape (\\ud800-\\udfff)" : null;
    }

    /// <summary>
    /// Over a string's raw bytes, whose escapes the reader has already checked, or over a whole body: there an escape
    /// cut short counts as unpaired, so that a body that is not JSON takes the reader's path.
    /// </summary>
    private static bool HasUnpairedSurrogate(ReadOnlySpan<byte> raw)
    {
        var i = 0;
        while (raw[i..].IndexOf((byte)'\\') is var next and >= 0)
        {
            i += next + 1; // the escaped character: \\ and \" must not be read as the start of another escape
            if (i == raw.Length) return true;
            if (raw[i] != 'u')
            {
                i++;
                continue;
            }
            if (!TryCodeUnit(raw, i + 1, out var unit)) return true;
            i += 5;
            if (char.IsLowSurrogate(unit)) return true;
            if (!char.IsHighSurrogate(unit)) continue;
            if (i + 6 > raw.Length || raw[i] != '\\' || raw[i + 1] != 'u' || !TryCodeUnit(raw, i + 2, out var low) || !char.IsLowSurrogate(low)) return true;
            i += 6;
        }
        return false;
    }

    private static bool TryCodeUnit(ReadOnlySpan<byte> raw, int start, out char unit)
    {
        unit = '\0';
        if (start + 4 > raw.Length || !Utf8Parser.TryParse(raw.Slice(start, 4), out ushort value, out var consumed, 'x') || consumed != 4) return false;
        unit = (char)value;
        return true;
    }
}
