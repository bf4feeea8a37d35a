using System.Text;

namespace AzureOpenAI.Proxy.Tests.Fuzz;

/// <summary>Where a case is sent: <c>/v1/messages</c> without and with <c>stream</c>, or <c>/v1/messages/count_tokens</c>.</summary>
public enum FuzzEndpoint { Messages, Stream, CountTokens }

/// <summary>One request of the fuzz suite: the endpoint, how the body was made (for the failure report) and its bytes.</summary>
public sealed record FuzzCase(FuzzEndpoint Endpoint, string Origin, byte[] Body)
{
    private const int ShownBytes = 2048;

    public string Path => Endpoint == FuzzEndpoint.CountTokens ? "/v1/messages/count_tokens" : "/v1/messages";

    /// <summary>What CsCheck prints for a failing (shrunk) case: enough to replay it by hand.</summary>
    public override string ToString()
    {
        var shown = Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, ShownBytes)); // invalid bytes show as U+FFFD
        return $"{Endpoint} {Path} ({Origin}, {Body.Length} bytes): {shown}{(Body.Length > ShownBytes ? "…" : "")}";
    }
}
