using System.Net.Sockets;
using System.Text.Json;

namespace AzureOpenAI.Proxy.Cli;

internal enum ProbeFailureKind
{
    /// <summary>The provider (or the proxy relaying it) answered with an error status.</summary>
    Http,
    Timeout,
    NameResolution,
    Connection,

    /// <summary>No Entra ID token (Azure.Identity found no credential, or it failed); the message says what to do.</summary>
    Credential,
}

/// <summary>
/// Why the <c>test</c> call failed, as seen directly (status, OpenAI/Azure error body, socket exception) or through
/// the proxy (status, Anthropic error body, whose message carries the upstream's words).
/// </summary>
internal sealed record ProbeFailure(ProbeFailureKind Kind, int? Status = null, string? Code = null, string? Message = null)
{
    // getaddrinfo's words on Linux, macOS and in .NET's own messages.
    private static readonly string[] NameResolutionWords =
        ["Name or service not known", "No such host", "nodename nor servname", "Temporary failure in name resolution", "No address associated"];

    public static ProbeFailure FromException(Exception exception)
    {
        if (exception is OperationCanceledException or TimeoutException) return new ProbeFailure(ProbeFailureKind.Timeout);
        if (exception is Upstream.UpstreamCredentialException) return new ProbeFailure(ProbeFailureKind.Credential, Message: exception.Message);
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is SocketException socket)
                return new ProbeFailure(
                    socket.SocketErrorCode is SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData
                        ? ProbeFailureKind.NameResolution : ProbeFailureKind.Connection,
                    Message: socket.Message);
        return new ProbeFailure(ProbeFailureKind.Connection, Message: exception.Message);
    }

    /// <summary>
    /// Reads an error body in either shape: OpenAI/Azure <c>{"error":{"code","message"}}</c> or Anthropic
    /// <c>{"type":"error","error":{"type","message"}}</c>. The proxy reports an upstream timeout as 504 and an
    /// unreachable upstream as 529 "could not reach the upstream …".
    /// </summary>
    public static ProbeFailure FromHttp(int status, ReadOnlySpan<byte> body)
    {
        string? code = null, message = null;
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error))
            {
                if (error.ValueKind == JsonValueKind.Object)
                {
                    code = Text(error, "code") ?? Text(error, "type");
                    message = Text(error, "message");
                }
                else if (error.ValueKind == JsonValueKind.String) message = error.GetString();
            }
        }
        catch (JsonException)
        {
            message = System.Text.Encoding.UTF8.GetString(body).Trim();
        }
        if (status == 504 || code == "timeout_error") return new ProbeFailure(ProbeFailureKind.Timeout, status, code, message);
        if (message?.Contains("could not reach the upstream", StringComparison.Ordinal) == true)
            return new ProbeFailure(
                NameResolutionWords.Any(w => message.Contains(w, StringComparison.OrdinalIgnoreCase)) ? ProbeFailureKind.NameResolution : ProbeFailureKind.Connection,
                status, code, message);
        return new ProbeFailure(ProbeFailureKind.Http, status, code, message);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;
}
