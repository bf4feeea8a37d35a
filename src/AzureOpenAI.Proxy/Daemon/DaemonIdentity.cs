using System.Text.Json;

namespace AzureOpenAI.Proxy.Daemon;

/// <summary>Who answers <c>/health</c>: its pid and the data home it serves (both in the answer, neither a secret).</summary>
internal sealed record DaemonIdentity(int Pid, string DataHome)
{
    public const string PidField = "pid";
    public const string DataHomeField = "dataHome";

    /// <summary>The identity in a <c>/health</c> body, or null when it has none (another program, an older proxy).</summary>
    public static DaemonIdentity? Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty(PidField, out var pid) && pid.ValueKind == JsonValueKind.Number && pid.TryGetInt32(out var number)
                && root.TryGetProperty(DataHomeField, out var home) && home.ValueKind == JsonValueKind.String
                ? new DaemonIdentity(number, home.GetString()!)
                : null;
        }
        catch (JsonException) { return null; }
    }

    /// <summary>This is the proxy server of <paramref name="home"/>: the same data home, and a live <c>azure-openai serve</c>.</summary>
    public bool Serves(Configuration.DataHome home) =>
        string.Equals(Path.GetFullPath(DataHome), home.Directory, StringComparison.Ordinal) && ProcessTable.IsProxyServer(Pid);
}
