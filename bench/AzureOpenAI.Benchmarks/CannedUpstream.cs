using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AzureOpenAI.Benchmarks;

/// <summary>
/// The cheapest upstream that is still a real HTTP/1.1 peer on loopback: it reads each request (headers and
/// Content-Length body) and answers with one of two canned responses, an event stream when the body asks for
/// <c>"stream":true</c>. It costs next to nothing, so a whole-proxy benchmark measures the proxy.
/// </summary>
internal sealed class CannedUpstream : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly byte[] _wholeResponse;
    private readonly byte[] _streamResponse;

    public CannedUpstream(byte[] wholeAnswer, byte[] eventStream)
    {
        _wholeResponse = Response("application/json", wholeAnswer);
        _streamResponse = Response("text/event-stream", eventStream);
        _listener.Start();
        BaseUri = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _ = AcceptAsync();
    }

    public Uri BaseUri { get; }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                _ = ServeAsync(await _listener.AcceptSocketAsync(_stop.Token));
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        await using var connection = new NetworkStream(socket, ownsSocket: true);
        var buffer = new byte[4 << 20];
        var filled = 0;
        try
        {
            while (true)
            {
                int headerEnd;
                while ((headerEnd = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) < 0)
                    filled += await ReadAsync(connection, buffer, filled);
                var end = headerEnd + 4 + ContentLength(buffer.AsSpan(0, headerEnd));
                while (filled < end) filled += await ReadAsync(connection, buffer, filled);
                var streamed = buffer.AsSpan(headerEnd, end - headerEnd).IndexOf("\"stream\":true"u8) >= 0;
                await connection.WriteAsync(streamed ? _streamResponse : _wholeResponse, _stop.Token);
                buffer.AsSpan(end, filled - end).CopyTo(buffer);
                filled -= end;
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or EndOfStreamException)
        {
            // The proxy closed the connection, or the benchmark ended.
        }
    }

    private async Task<int> ReadAsync(NetworkStream connection, byte[] buffer, int filled)
    {
        var read = await connection.ReadAsync(buffer.AsMemory(filled), _stop.Token);
        return read > 0 ? read : throw new EndOfStreamException();
    }

    private static int ContentLength(ReadOnlySpan<byte> headers)
    {
        foreach (var range in headers.Split("\r\n"u8))
        {
            var line = headers[range];
            var colon = line.IndexOf((byte)':');
            if (colon > 0 && Ascii.EqualsIgnoreCase(line[..colon], "content-length"u8)) return int.Parse(line[(colon + 1)..].Trim((byte)' '));
        }
        return 0;
    }

    private static byte[] Response(string contentType, byte[] body) =>
        [.. Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: {contentType}\r\nContent-Length: {body.Length}\r\n\r\n"), .. body];
}
