using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace AzureOpenAI.Proxy.Server;

/// <summary>Small JSON answers written with <see cref="Utf8JsonWriter"/> (no reflection, no string concatenation).</summary>
internal static class JsonResponses
{
    public static async Task WriteAsync(HttpContext context, Action<Utf8JsonWriter> write, int status = StatusCodes.Status200OK)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer)) write(writer);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = buffer.WrittenCount;
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
    }
}
