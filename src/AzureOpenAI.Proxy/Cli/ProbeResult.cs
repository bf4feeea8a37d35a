using System.Diagnostics;
using System.Text.Json;
using AzureOpenAI.Proxy.Upstream;

namespace AzureOpenAI.Proxy.Cli;

/// <summary>The outcome of the <c>test</c> call: the reply and latency, or why it failed.</summary>
internal sealed record ProbeResult(TimeSpan Latency, string? Reply, ProbeFailure? Failure)
{
    public const string Prompt = "Reply with the single word: pong";

    /// <summary>The probe as a Messages request for <paramref name="model"/>: the one prompt, whether sent through the proxy or translated in-process.</summary>
    public static byte[] MessagesRequestBody(string model)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("model", model);
            // Room for a reasoning model's thinking; the proxy clamps it to the deployment's limit.
            json.WriteNumber("max_tokens", 2048);
            json.WriteStartArray("messages");
            json.WriteStartObject();
            json.WriteString("role", "user");
            json.WriteString("content", Prompt);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>The text blocks of an Anthropic message, joined.</summary>
    public static string ReplyText(byte[] body)
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


    /// <summary>
    /// Sends the probe and times it: the reply read by <paramref name="replyText"/> on success, the explained HTTP
    /// failure otherwise, or the network/credential failure (a time-out included) as a result rather than an exception.
    /// </summary>
    public static async Task<ProbeResult> SendAsync(HttpClient http, HttpRequestMessage request, Func<byte[], string?> replyText,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var latency = Stopwatch.GetElapsedTime(started);
            return response.IsSuccessStatusCode
                ? new ProbeResult(latency, replyText(body), null)
                : new ProbeResult(latency, null, ProbeFailure.FromHttp((int)response.StatusCode, body));
        }
        catch (Exception ex) when (ex is HttpRequestException or UpstreamCredentialException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new ProbeResult(Stopwatch.GetElapsedTime(started), null, ProbeFailure.FromException(ex));
        }
    }
}
