using AzureOpenAI.Translation.Anthropic;
using Microsoft.AspNetCore.Http;

namespace AzureOpenAI.Proxy.Server;

/// <summary>Writes errors in Anthropic's shape (PROTOCOL.md §1.7), with the request id in the body as Anthropic does.</summary>
internal static class AnthropicErrors
{
    /// <summary><paramref name="status"/> replaces the type's usual status where HTTP has a more precise one (408, 415).</summary>
    public static Task WriteAsync(HttpContext context, AnthropicError error, IEnumerable<KeyValuePair<string, string>>? headers = null, int? status = null)
    {
        var response = context.Response;
        response.StatusCode = status ?? error.HttpStatus;
        response.ContentType = "application/json";
        if (headers is not null)
            foreach (var (name, value) in headers) response.Headers[name] = value;
        var entry = RequestLogEntry.Of(context);
        entry.ErrorType = error.Type.WireName();
        var body = error.ToJsonBytes(entry.RequestId);
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    public static Task WriteAsync(HttpContext context, AnthropicErrorType type, string message) =>
        WriteAsync(context, new AnthropicError(type, message));
}
