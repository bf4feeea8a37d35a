using System.Buffers;
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

    /// <summary>Writes <paramref name="value"/> with <paramref name="write"/> into a fresh buffer and returns the UTF-8 JSON.</summary>
    public static ReadOnlyMemory<byte> Write<T>(T value, Action<Utf8JsonWriter, T> write, int initialCapacity = 256)
    {
        var buffer = new ArrayBufferWriter<byte>(initialCapacity);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions)) write(writer, value);
        return buffer.WrittenMemory;
    }
}
