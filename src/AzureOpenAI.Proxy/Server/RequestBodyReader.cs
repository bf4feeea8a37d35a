using System.Text.Json;
using AzureOpenAI.Translation;
using AzureOpenAI.Translation.Anthropic;
using AzureOpenAI.Translation.Mapping;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AzureOpenAI.Proxy.Server;

/// <summary>
/// Reads a Messages request body once, checks that its strings are Unicode text, and parses it into one document that
/// lives as long as the request (the body's pooled buffer with it).
/// Kestrel's body limit (32 MB, as Anthropic's) surfaces here as 413 <c>request_too_large</c>; bad JSON or a field of
/// the wrong type as 400 <c>invalid_request_error</c> naming the field. A body slower than Kestrel's minimum data rate
/// is 408, one that ends before its Content-Length 400: the client's fault, logged at debug level, not an error.
/// </summary>
internal static class RequestBodyReader
{
    public const long MaxBodyBytes = 32L * 1024 * 1024;

    /// <summary>The request, or null after an error response was written.</summary>
    /// <param name="capture">When set (<c>AZURE_OPENAI_CAPTURE_DIR</c>), each request that parses is written there as received.</param>
    public static async Task<MessagesRequest?> ReadAsync(HttpContext context, RequestCapture? capture = null)
    {
        var (request, error, status) = await TryReadAsync(context, capture);
        if (request is not null) return request;
        await AnthropicErrors.WriteAsync(context, error!, status: status);
        return null;
    }

    private static async Task<(MessagesRequest? Request, AnthropicError? Error, int? Status)> TryReadAsync(HttpContext context, RequestCapture? capture)
    {
        try
        {
            var body = await ReadBodyAsync(context);
            context.Response.RegisterForDispose(body); // the request's JsonElements point into it until the request ends
            if (RequestValidation.InvalidText(body.WrittenSpan) is { } invalidText) return (null, invalidText, null);
            var request = Parse(context, body);
            if (request is not null) capture?.Write(context, body.WrittenSpan);
            return request is null
                ? (null, new AnthropicError(AnthropicErrorType.InvalidRequest, "the request body must be a JSON object"), null)
                : (request, null, null);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, new AnthropicError(AnthropicErrorType.RequestTooLarge, $"request exceeds the maximum allowed number of bytes ({MaxBodyBytes / (1024 * 1024)} MB)"), null);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status408RequestTimeout)
        {
            LogClientFault(context, ex);
            return (null, new AnthropicError(AnthropicErrorType.Timeout, "the request body arrived too slowly"), StatusCodes.Status408RequestTimeout);
        }
        catch (BadHttpRequestException ex)
        {
            LogClientFault(context, ex); // in practice: the body ended before its Content-Length
            return (null, new AnthropicError(AnthropicErrorType.InvalidRequest, $"the request body could not be read: {ex.Message}"), ex.StatusCode);
        }
        catch (JsonException ex)
        {
            return (null, new AnthropicError(AnthropicErrorType.InvalidRequest, Describe(ex)), null);
        }
    }

    /// <summary>
    /// One document over the pooled body, disposed with the request, bound by <see cref="MessagesRequestBinder"/>; what
    /// it declines (or a body that is not JSON) goes to the serializer, whose exception names the field.
    /// </summary>
    private static MessagesRequest? Parse(HttpContext context, PooledBufferWriter body)
    {
        try
        {
            var document = JsonDocument.Parse(body.WrittenMemory);
            context.Response.RegisterForDispose(document);
            if (MessagesRequestBinder.TryBind(document.RootElement) is { } request) return request;
        }
        catch (JsonException)
        {
            // not JSON: the serializer below throws the error to report
        }
        return JsonSerializer.Deserialize(body.WrittenSpan, AnthropicJsonContext.Default.MessagesRequest);
    }

    /// <summary>The whole body, in a buffer rented for its Content-Length (one byte more, so that reading the end needs no growth).</summary>
    private static async Task<PooledBufferWriter> ReadBodyAsync(HttpContext context)
    {
        var body = context.Request.ContentLength is > 0 and < MaxBodyBytes and var declared
            ? new PooledBufferWriter((int)declared + 1)
            : new PooledBufferWriter();
        try
        {
            int read;
            while ((read = await context.Request.Body.ReadAsync(body.GetMemory(), context.RequestAborted)) > 0) body.Advance(read);
            return body;
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    private static void LogClientFault(HttpContext context, BadHttpRequestException ex) =>
        ProxyLog.ClientFault(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(ProductInfo.Name),
            RequestLogEntry.Of(context).RequestId, ex.Message);

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
