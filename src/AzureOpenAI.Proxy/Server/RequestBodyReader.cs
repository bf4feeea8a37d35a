using System.Text.Json;
using AzureOpenAI.Translation.Anthropic;
using Microsoft.AspNetCore.Http;

namespace AzureOpenAI.Proxy.Server;

/// <summary>
/// Reads a Messages request body once, straight from the request stream, with the source-generated context.
/// Kestrel's body limit (32 MB, as Anthropic's) surfaces here as 413 <c>request_too_large</c>; bad JSON or a field of
/// the wrong type as 400 <c>invalid_request_error</c> naming the field.
/// </summary>
internal static class RequestBodyReader
{
    public const long MaxBodyBytes = 32L * 1024 * 1024;

    /// <summary>The request, or null after an error response was written.</summary>
    public static async Task<MessagesRequest?> ReadAsync(HttpContext context)
    {
        var error = await TryReadAsync(context);
        if (error.Request is not null) return error.Request;
        await AnthropicErrors.WriteAsync(context, error.Error!);
        return null;
    }

    private static async Task<(MessagesRequest? Request, AnthropicError? Error)> TryReadAsync(HttpContext context)
    {
        try
        {
            var request = await JsonSerializer.DeserializeAsync(context.Request.Body, AnthropicJsonContext.Default.MessagesRequest, context.RequestAborted);
            return request is null
                ? (null, new AnthropicError(AnthropicErrorType.InvalidRequest, "the request body must be a JSON object"))
                : (request, null);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, new AnthropicError(AnthropicErrorType.RequestTooLarge, $"request exceeds the maximum allowed number of bytes ({MaxBodyBytes / (1024 * 1024)} MB)"));
        }
        catch (JsonException ex)
        {
            return (null, new AnthropicError(AnthropicErrorType.InvalidRequest, Describe(ex)));
        }
    }

    /// <summary>"max_tokens: wrong type …" for a value the model cannot hold; "malformed JSON …" for a syntax error.</summary>
    internal static string Describe(JsonException ex)
    {
        var field = FieldName(ex.Path);
        var position = ex.LineNumber is { } line ? $" (line {line + 1}, byte {ex.BytePositionInLine + 1})" : "";
        // Conversion failures ("The JSON value could not be converted to …") mean a wrong type; anything else is syntax.
        var isSyntax = !ex.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal);
        if (isSyntax)
            return field is null ? $"the request body is not valid JSON{position}" : $"the request body is not valid JSON at {field}{position}";
        return field is null ? $"the request body has an invalid value{position}" : $"{field}: invalid value or wrong type{position}";
    }

    /// <summary><c>$.messages[0].role</c> → <c>messages[0].role</c>; the root is no field.</summary>
    private static string? FieldName(string? path) => path is null or "$" ? null : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
}
