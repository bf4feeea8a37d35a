using System.Net.Http.Headers;
using System.Text.Json;

namespace AzureOpenAI.Proxy.Cli;

/// <summary>
/// The <c>test</c> call through the running proxy: a minimal Anthropic Messages request, exactly the path Claude Code
/// takes (client token, model routing, translation, upstream). The model name picks the tier.
/// </summary>
internal static class ProxyProbe
{
    public static async Task<ProbeResult> RunAsync(Uri proxyUrl, string? clientToken, string claudeModel, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = timeout };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(proxyUrl, "/v1/messages"))
        {
            Content = new ByteArrayContent(RequestBody(claudeModel)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("anthropic-version", "2023-06-01");
        if (clientToken is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", clientToken);

        return await ProbeResult.SendAsync(http, request, ReplyText, cancellationToken).ConfigureAwait(false);
    }

    private static byte[] RequestBody(string model)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("model", model);
            // Room for a reasoning model's thinking; the proxy clamps it to the deployment's limit.
            json.WriteNumber("max_tokens", 2048);
            ProbeResult.WritePromptMessages(json);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>The text blocks of an Anthropic message, joined.</summary>
    private static string ReplyText(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var texts = document.RootElement.GetProperty("content").EnumerateArray()
                .Where(b => b.TryGetProperty("type", out var type) && type.GetString() == "text")
                .Select(b => b.GetProperty("text").GetString());
            var reply = string.Concat(texts);
            return reply.Length == 0 ? "(an empty reply)" : reply;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return "(a response that is not an Anthropic message)";
        }
    }
}
