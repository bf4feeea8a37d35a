using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AzureOpenAI.TestSupport;

namespace AzureOpenAI.Proxy.Tests.Fuzz;

/// <summary>
/// Sends a case and judges the answer. Acceptable: an Anthropic-shaped 4xx, a 200 message, a 200 count, or a 200 event
/// stream that ends in message_stop or a well-formed error event. Anything else, a 5xx above all, or no complete answer
/// within <see cref="Deadline"/>, is a violation.
/// </summary>
public static class FuzzOracle
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <summary>The answer's status (0 when none came) and the violation, or null for an acceptable answer.</summary>
    public static async Task<FuzzAnswer> CheckAsync(HttpClient http, FuzzCase fuzzCase, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Deadline);
        using var request = new HttpRequestMessage(HttpMethod.Post, fuzzCase.Path) { Content = new ByteArrayContent(fuzzCase.Body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        int status;
        string? mediaType;
        byte[] body;
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            status = (int)response.StatusCode;
            mediaType = response.Content.Headers.ContentType?.MediaType;
            body = await response.Content.ReadAsByteArrayAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new FuzzAnswer(0, $"no complete answer within {Deadline.TotalSeconds:F0} s");
        }
        return new FuzzAnswer(status, Judge(fuzzCase, status, mediaType, body) is { } violation
            ? $"{violation}; HTTP {status} {mediaType}: {Shorten(body)}"
            : null);
    }

    private static string? Judge(FuzzCase fuzzCase, int status, string? mediaType, byte[] body)
    {
        if (status is >= 400 and < 500) return AnthropicError(body);
        if (status != 200) return "neither 200 nor 4xx";
        if (mediaType == "text/event-stream") return WellFormedStream(body);
        if (mediaType != "application/json") return "a 200 that is neither JSON nor an event stream";
        return fuzzCase.Endpoint == FuzzEndpoint.CountTokens ? TokenCount(body) : Message(body);
    }

    private static string? AnthropicError(byte[] body) => Parse(body, root =>
        root.TryGetProperty("type", out var type) && type.ValueEquals("error")
        && root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
        && error.TryGetProperty("type", out var errorType) && errorType.ValueKind == JsonValueKind.String
        && error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String
            ? null
            : "a 4xx without Anthropic's error shape");

    private static string? TokenCount(byte[] body) => Parse(body, root =>
        root.TryGetProperty("input_tokens", out var tokens) && tokens.TryGetInt32(out var count) && count > 0 ? null : "a count without input_tokens");

    private static string? Message(byte[] body) => Parse(body, root =>
        root.TryGetProperty("type", out var type) && type.ValueEquals("message")
        && root.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Array
        && root.TryGetProperty("stop_reason", out _)
            ? null
            : "a 200 that is not a message");

    private static string? WellFormedStream(byte[] body)
    {
        try
        {
            AnthropicStreamAssert.WellFormed(body);
            return null;
        }
        catch (Exception ex) when (ex is Xunit.Sdk.XunitException or JsonException)
        {
            return "a malformed event stream: " + ex.Message;
        }
    }

    private static string? Parse(byte[] body, Func<JsonElement, string?> check)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object ? check(document.RootElement) : "a body that is not a JSON object";
        }
        catch (JsonException)
        {
            return "a body that is not JSON";
        }
    }

    private static string Shorten(byte[] body) => body.Length <= 600 ? Encoding.UTF8.GetString(body) : Encoding.UTF8.GetString(body, 0, 600) + "…";
}

/// <summary>What <see cref="FuzzOracle.CheckAsync"/> found: the HTTP status (0: none within the deadline) and the violation, if any.</summary>
public sealed record FuzzAnswer(int Status, string? Violation);
