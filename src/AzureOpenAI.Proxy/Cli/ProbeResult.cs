using System.Diagnostics;
using System.Text.Json;
using AzureOpenAI.Proxy.Upstream;

namespace AzureOpenAI.Proxy.Cli;

/// <summary>The outcome of the <c>test</c> call: the reply and latency, or why it failed.</summary>
internal sealed record ProbeResult(TimeSpan Latency, string? Reply, ProbeFailure? Failure)
{
    public const string Prompt = "Reply with the single word: pong";

    /// <summary>Writes <c>"messages":[{"role":"user","content":Prompt}]</c>, which Chat Completions and Messages share.</summary>
    public static void WritePromptMessages(Utf8JsonWriter json)
    {
        json.WriteStartArray("messages");
        json.WriteStartObject();
        json.WriteString("role", "user");
        json.WriteString("content", Prompt);
        json.WriteEndObject();
        json.WriteEndArray();
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
