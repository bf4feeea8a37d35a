using System.Net.Sockets;
using System.Text;

namespace AzureOpenAI.Proxy.Usage;

/// <summary>
/// The statusline's one request to the local proxy, on a bare socket: HttpClient's start-up (its JIT alone) costs
/// more than the statusline's whole 50 ms budget, while one HTTP/1.1 GET to 127.0.0.1 with <c>Connection: close</c>
/// needs only a write and a read to the end. A refused or slow connection is the "down" answer (null).
/// </summary>
internal static class SessionFiguresClient
{
    private const int MaxResponseBytes = 64 * 1024;

    public static async Task<SessionFigures?> GetAsync(Uri baseUrl, string pathAndQuery, string? token, TimeSpan connectTimeout,
        TimeSpan answerTimeout, CancellationToken cancellationToken)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using (var connecting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            connecting.CancelAfter(connectTimeout);
            await socket.ConnectAsync(baseUrl.Host, baseUrl.Port, connecting.Token).ConfigureAwait(false);
        }
        using var answering = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        answering.CancelAfter(answerTimeout);
        var request = $"GET {pathAndQuery} HTTP/1.1\r\nHost: {baseUrl.Authority}\r\nAccept: application/json\r\n" +
                      (token is null ? "" : $"Authorization: Bearer {token}\r\n") + "Connection: close\r\n\r\n";
        await socket.SendAsync(Encoding.ASCII.GetBytes(request), SocketFlags.None, answering.Token).ConfigureAwait(false);

        var response = new MemoryStream();
        var buffer = new byte[8192];
        int read;
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, answering.Token).ConfigureAwait(false)) > 0)
        {
            response.Write(buffer, 0, read);
            if (response.Length > MaxResponseBytes) return null;
        }
        return Body(response.GetBuffer().AsSpan(0, (int)response.Length)) is { } body ? SessionFigures.Parse(body) : null;
    }

    /// <summary>The body of a 200 answer with a Content-Length (Kestrel's for a small JSON body), else null.</summary>
    private static byte[]? Body(ReadOnlySpan<byte> response)
    {
        var headersEnd = response.IndexOf("\r\n\r\n"u8);
        if (headersEnd < 0 || !response.StartsWith("HTTP/1.1 200 "u8)) return null;
        return response[(headersEnd + 4)..].ToArray();
    }
}
