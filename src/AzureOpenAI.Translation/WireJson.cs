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
}
