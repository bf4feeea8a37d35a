using System.Text.Json;

namespace AzureOpenAI.Translation.Anthropic;

/// <summary>An error as the client sees it: <c>{"type":"error","error":{"type":…,"message":…}}</c>.</summary>
public sealed record AnthropicError(AnthropicErrorType Type, string Message)
{
    /// <summary>The status when it is not the type's own, e.g. 502 for an unusable upstream answer (an <c>api_error</c>).</summary>
    public int? Status { get; init; }

    public int HttpStatus => Status ?? Type.HttpStatus();

    /// <summary>Writes the error body; <paramref name="requestId"/> is added when known.</summary>
    public void WriteTo(Utf8JsonWriter writer, string? requestId = null)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, "error"u8);
        writer.WriteStartObject("error"u8);
        writer.WriteString("type"u8, Type.WireName());
        writer.WriteString("message"u8, Message);
        writer.WriteEndObject();
        if (requestId is not null) writer.WriteString("request_id"u8, requestId);
        writer.WriteEndObject();
    }

    public byte[] ToJsonBytes(string? requestId = null) =>
        WireJson.Write(requestId, WriteTo);
}

/// <summary>Thrown by the translation layer for a request it cannot translate; the server answers with <see cref="Error"/>.</summary>
public sealed class AnthropicRequestException(AnthropicError error) : Exception(error.Message)
{
    public AnthropicError Error { get; } = error;

    public static AnthropicRequestException Invalid(string message) =>
        new(new AnthropicError(AnthropicErrorType.InvalidRequest, message));
}
