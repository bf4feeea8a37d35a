using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AzureOpenAI.Proxy.Configuration;

/// <summary>
/// What <c>setup</c> did to Claude Code's settings.json, kept in the data home (mode 0600) so that
/// <c>setup --remove</c> takes back exactly that: the values it wrote, and the values they replaced. The first setup's
/// earlier values are kept across later setups, so removal restores the state from before the proxy.
/// </summary>
internal sealed record ClaudeRoutingRecord(IReadOnlyDictionary<string, string> Written, IReadOnlyDictionary<string, string?> Previous)
{
    public static string PathIn(DataHome home) => System.IO.Path.Combine(home.Directory, "claude-routing.json");

    public static ClaudeRoutingRecord? Read(DataHome home)
    {
        var path = PathIn(home);
        if (!File.Exists(path)) return null;
        try
        {
            if (JsonNode.Parse(File.ReadAllText(path)) is not JsonObject root) return null;
            return new ClaudeRoutingRecord(Strings(root["written"]).Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!),
                Strings(root["previous"]));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void Write(DataHome home)
    {
        var root = new JsonObject
        {
            ["written"] = ToObject(Written.ToDictionary(p => p.Key, p => (string?)p.Value)),
            ["previous"] = ToObject(Previous),
        };
        AtomicFile.WriteAllText(PathIn(home), root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
    }

    public static void Delete(DataHome home) => File.Delete(PathIn(home));

    private static JsonObject ToObject(IReadOnlyDictionary<string, string?> values)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in values) obj[key] = value;
        return obj;
    }

    /// <summary>The values came from settings.json, so they are read by its rule.</summary>
    private static Dictionary<string, string?> Strings(JsonNode? node)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (node is JsonObject obj)
            foreach (var (key, value) in obj)
                values[key] = ClaudeSettingsJson.Text(value);
        return values;
    }
}
