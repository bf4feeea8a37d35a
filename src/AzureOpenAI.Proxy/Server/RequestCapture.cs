using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace AzureOpenAI.Proxy.Server;

/// <summary>
/// Debug only, never on by default: with <c>AZURE_OPENAI_CAPTURE_DIR</c> set, every raw Anthropic request of a session
/// is written there (folder 0700, files 0600) in the shape of the captures under ../shared/fixtures
/// (<c>{method, url, headers, body}</c>; credentials masked), for <c>azure-openai shapes</c> to report what a new Claude
/// Code release sends that the translator does not know. Captures hold the whole conversation: delete them after use.
/// </summary>
internal sealed class RequestCapture(string directory)
{
    private static readonly HashSet<string> Credentials = new(StringComparer.OrdinalIgnoreCase) { "authorization", "x-api-key", "api-key" };

    public void Write(HttpContext context, ReadOnlySpan<byte> body)
    {
        if (!OperatingSystem.IsWindows())
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        else Directory.CreateDirectory(directory);
        var name = $"{DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmssfff", CultureInfo.InvariantCulture)}-{RequestLogEntry.Of(context).RequestId}.request.json";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var file = new FileStream(Path.Combine(directory, name), options);
        using var writer = new Utf8JsonWriter(file, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteString("method"u8, context.Request.Method);
        writer.WriteString("url"u8, context.Request.Path + context.Request.QueryString);
        writer.WriteStartObject("headers"u8);
        foreach (var (header, values) in context.Request.Headers)
            writer.WriteString(header.ToLowerInvariant(), Credentials.Contains(header) ? "<masked>" : values.ToString());
        writer.WriteEndObject();
        writer.WritePropertyName("body"u8);
        writer.WriteRawValue(body, skipInputValidation: false);
        writer.WriteEndObject();
    }
}
