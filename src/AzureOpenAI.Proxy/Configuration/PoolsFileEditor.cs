using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AzureOpenAI.Proxy.Configuration;

/// <summary>
/// Adds and removes backends of <c>pools.json</c> (for <c>setup --add-backend</c> / <c>--remove-backend</c>): edits the
/// JSON, checks the result with <see cref="PoolsFileReader"/>, the reader <c>serve</c> uses, and only then replaces the
/// file atomically (mode 0600), after a backup of the old one (also 0600: it holds the same keys). Comments in the
/// file are not kept; the backup has them. Throws <see cref="ConfigurationException"/> and writes nothing on any mistake.
/// </summary>
internal sealed class PoolsFileEditor(DataHome home)
{
    private static readonly JsonDocumentOptions ReadOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
    private static readonly JsonSerializerOptions WriteOptions = new() { WriteIndented = true };

    public string Path { get; } = PoolsFile.PathIn(home);

    /// <summary>Appends <paramref name="backend"/> (pools.json's keys) to <paramref name="tier"/>; returns the backup's path, or null for a new file.</summary>
    public string? Add(string tier, JsonObject backend)
    {
        var root = Current();
        var endpoint = backend["endpoint"]?.GetValue<string>();
        var deployment = backend["deployment"]?.GetValue<string>();
        if (root[tier] is JsonArray existing && existing.OfType<JsonObject>().Any(b => Text(b, "deployment") == deployment && SameEndpoint(Text(b, "endpoint"), endpoint)))
            throw new ConfigurationException($"{tier} already has {deployment} on {endpoint}: remove it first (--remove-backend {tier}:{deployment})");
        if (root[tier] is not JsonArray list) root[tier] = list = [];
        list.Add((JsonNode)backend);
        return Save(root);
    }

    /// <summary>
    /// Removes the backend of <paramref name="tier"/> serving <paramref name="deployment"/> (on <paramref name="endpoint"/>,
    /// needed when several do), and the tier when it was its last; returns the removed backend's endpoint and the backup's path.
    /// </summary>
    public (string Endpoint, string Backup) Remove(string tier, string deployment, string? endpoint)
    {
        var root = Current();
        var list = root[tier] as JsonArray;
        var matches = list?.OfType<JsonObject>().Where(b => Text(b, "deployment") == deployment && (endpoint is null || SameEndpoint(Text(b, "endpoint"), endpoint)))
            .ToList() ?? [];
        if (matches.Count == 0)
            throw new ConfigurationException($"{Path} has no backend {deployment} in {tier}{(endpoint is null ? "" : $" on {endpoint}")}");
        if (matches.Count > 1)
            throw new ConfigurationException($"{tier} has {deployment} on {string.Join(" and ", matches.Select(b => Text(b, "endpoint")))}: "
                + "add --endpoint URL to say which to remove");
        list!.Remove(matches[0]);
        if (list.Count == 0) root.Remove(tier);
        return (Text(matches[0], "endpoint")!, Save(root)!);
    }

    private JsonObject Current()
    {
        if (!File.Exists(Path)) return [];
        var text = File.ReadAllBytes(Path);
        PoolsFileReader.Read(text, Path); // a file serve would refuse is fixed by hand first, never rewritten
        return JsonNode.Parse(text, documentOptions: ReadOptions)!.AsObject();
    }

    private string? Save(JsonObject root)
    {
        var json = root.ToJsonString(WriteOptions) + "\n";
        PoolsFileReader.Read(Encoding.UTF8.GetBytes(json), $"{PoolsFile.FileName} (as setup would write it)");
        var backup = File.Exists(Path) ? AtomicFile.WriteBackup(Path, File.ReadAllText(Path), DateTime.Now) : null;
        AtomicFile.WriteAllText(Path, json);
        return backup;
    }

    private static string? Text(JsonObject backend, string key) => backend[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static bool SameEndpoint(string? a, string? b) =>
        a is not null && b is not null && string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
}
