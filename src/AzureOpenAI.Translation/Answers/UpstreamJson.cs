using System.Text.Json;

namespace AzureOpenAI.Translation.Answers;

/// <summary>Tolerant reads of upstream JSON: a missing property or a wrong kind is <c>default</c>/null, never an exception.</summary>
internal static class UpstreamJson
{
    /// <summary>Parses a whole upstream body that must be a JSON object; anything else is an <see cref="UnusableAnswerException"/>.</summary>
    public static JsonDocument ParseObject(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind == JsonValueKind.Object) return document;
            document.Dispose();
        }
        catch (JsonException)
        {
            // Reported below.
        }
        throw new UnusableAnswerException("the body is not a JSON object");
    }

    public static JsonElement Property(JsonElement element, ReadOnlySpan<byte> name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;

    public static string? StringOf(JsonElement element, ReadOnlySpan<byte> name) =>
        Property(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;
}
