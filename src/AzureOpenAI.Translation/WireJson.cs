using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AzureOpenAI.Translation;

/// <summary>
/// Writer options for every JSON body and SSE event the proxy produces. The relaxed encoder keeps prompts, tool input and
/// error messages readable and compact (no <c>\u003C</c> or <c>\u0060</c>): nothing written here is embedded in HTML.
/// </summary>
internal static class WireJson
{
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes <paramref name="value"/> with <paramref name="write"/> and returns the UTF-8 JSON, exactly sized.</summary>
    public static byte[] Write<T>(T value, Action<Utf8JsonWriter, T> write)
    {
        using var buffer = Written(value, write);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes <paramref name="value"/> with <paramref name="write"/> and returns the JSON as text.</summary>
    public static string WriteText<T>(T value, Action<Utf8JsonWriter, T> write)
    {
        using var buffer = Written(value, write);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The JSON in a pooled buffer, which the caller copies out and disposes.</summary>
    private static PooledBufferWriter Written<T>(T value, Action<Utf8JsonWriter, T> write)
    {
        var buffer = new PooledBufferWriter();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions)) write(writer, value);
        return buffer;
    }
}
