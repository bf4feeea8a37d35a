using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using AzureOpenAI.Proxy.Tests.Support;
using AzureOpenAI.TestSupport.FakeUpstream;

namespace AzureOpenAI.Proxy.Tests.Security;

/// <summary>A body that is cut short or trickles in is the client's fault: never a 500, never an error in the log.</summary>
public sealed class RequestBodyFaultTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Head(Uri address, int contentLength) =>
        $"POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1:{address.Port}\r\nContent-Type: application/json\r\n" +
        $"anthropic-version: 2023-06-01\r\nContent-Length: {contentLength}\r\n\r\n";

    /// <summary>Sends <paramref name="head"/> and <paramref name="partialBody"/>, keeps the connection open, and reads the answer.</summary>
    private static async Task<(int Status, JsonElement Body, string RequestId)> SendRawAsync(Uri address, string head, string partialBody)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(address.Host, address.Port, Token);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head + partialBody), Token);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var statusLine = await reader.ReadLineAsync(Token);
        var requestId = "";
        var length = 0;
        for (var line = await reader.ReadLineAsync(Token); !string.IsNullOrEmpty(line); line = await reader.ReadLineAsync(Token))
        {
            var (name, value) = (line[..line.IndexOf(':', StringComparison.Ordinal)], line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim());
            if (name.Equals("content-length", StringComparison.OrdinalIgnoreCase)) length = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
            if (name.Equals("request-id", StringComparison.OrdinalIgnoreCase)) requestId = value;
        }
        var body = new char[length];
        await reader.ReadBlockAsync(body, Token);
        return (int.Parse(statusLine!.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), JsonDocument.Parse(new string(body)).RootElement, requestId);
    }

    private static void AssertAnthropicError(JsonElement body, string type)
    {
        Assert.Equal("error", body.GetProperty("type").GetString());
        Assert.Equal(type, body.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task BodyCutShort_ByHalfClose_ClosesWithoutA500_AndLogsNoError()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        await using var proxy = await LoggedProxy.StartAsync(FakeUpstreamSettings.Azure(fake));

        // Kestrel closes a half-closed connection without answering (its design); what matters is that the proxy
        // neither answers 500 nor logs an error. Whether the read sees the end of data or the abort first is a race,
        // so RequestBodyReaderTests pins the 400 itself.
        var answer = await SendAndReadAllAsync(proxy.Address, Head(proxy.Address, 1000) + """{"model":"claude-sonnet-4-5","max""");

        Assert.DoesNotContain(" 500 ", answer, StringComparison.Ordinal);
        var line = await proxy.RequestLineAsync("POST /v1/messages");
        Assert.True(line.Contains(" 400 ", StringComparison.Ordinal) || line.Contains("client-aborted", StringComparison.Ordinal), line);
        Assert.DoesNotContain(proxy.Entries, e => e.StartsWith("Error:", StringComparison.Ordinal) || e.StartsWith("Critical:", StringComparison.Ordinal));
        Assert.Empty(fake.Requests);
    }

    private static async Task<string> SendAndReadAllAsync(Uri address, string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(address.Host, address.Port, Token);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), Token);
        client.Client.Shutdown(SocketShutdown.Send);
        try
        {
            return await new StreamReader(stream, Encoding.UTF8).ReadToEndAsync(Token);
        }
        catch (IOException)
        {
            return ""; // reset instead of FIN: no answer either
        }
    }

    [Fact]
    public async Task BodyTooSlow_Is408_LoggedAsClientFaultNotError()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        await using var proxy = await LoggedProxy.StartAsync(FakeUpstreamSettings.Azure(fake));

        // Kestrel's minimum body rate (240 B/s after a 5 s grace period) ends the wait; the socket stays open meanwhile.
        var (status, body, requestId) = await SendRawAsync(proxy.Address, Head(proxy.Address, 100_000), """{"model":""");

        Assert.Equal(408, status);
        AssertAnthropicError(body, "timeout_error");
        Assert.Contains("408", await proxy.RequestLineAsync(requestId), StringComparison.Ordinal);
        Assert.DoesNotContain(proxy.Entries, e => e.StartsWith("Error:", StringComparison.Ordinal) || e.StartsWith("Critical:", StringComparison.Ordinal));
        Assert.Empty(fake.Requests);
    }
}
