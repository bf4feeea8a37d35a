using System.Text.Json;

namespace AzureOpenAI.Proxy.Configuration;

/// <summary>
/// Reads <c>pools.json</c> with <see cref="Utf8JsonReader"/> (no reflection), so that every error names the line and
/// the fix: <c>pools.json line 7: "priority" must be a whole number from 1 (e.g. "priority": 1)</c>.
/// Comments and trailing commas are allowed: people edit this file by hand.
/// </summary>
internal static class PoolsFileReader
{
    private const string AllowCrossZone = "allowCrossZone";
    private static readonly JsonReaderOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static PoolsFile Read(ReadOnlySpan<byte> json, string path)
    {
        var context = new Context(json, path);
        var reader = new Utf8JsonReader(json, Options);
        try
        {
            return ReadFile(ref reader, context);
        }
        catch (JsonException ex)
        {
            throw new ConfigurationException($"{path} line {(ex.LineNumber ?? 0) + 1}: not valid JSON ({FirstSentence(ex.Message)}); "
                + "check the quotes, commas and braces near that line");
        }
    }

    private static PoolsFile ReadFile(ref Utf8JsonReader reader, Context context)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            throw context.Error(ref reader, "the file must hold one JSON object, e.g. { \"big\": [ { \"endpoint\": …, \"deployment\": … } ] }");
        var tiers = new Dictionary<string, IReadOnlyList<PoolBackend>>(StringComparer.Ordinal);
        var allowCrossZone = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (name == AllowCrossZone) allowCrossZone = Boolean(ref reader, context, name);
            else if (PoolsFile.TierNames.Contains(name)) tiers[name] = ReadTier(ref reader, context, name);
            else throw context.Error(ref reader, $"unknown key \"{name}\"; the top level holds \"big\", \"middle\", \"small\" and \"{AllowCrossZone}\"");
        }
        return new PoolsFile(tiers, allowCrossZone);
    }

    private static List<PoolBackend> ReadTier(ref Utf8JsonReader reader, Context context, string tier)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
            throw context.Error(ref reader, $"\"{tier}\" must be a list of backends: \"{tier}\": [ {{ \"endpoint\": …, \"deployment\": … }} ]");
        var backends = new List<PoolBackend>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            backends.Add(PoolBackendReader.Read(ref reader, context));
        if (backends.Count == 0) throw context.Error(ref reader, $"\"{tier}\" names no backend: add one, or remove \"{tier}\" to use {TierSetting(tier)}");
        return backends;
    }

    internal static bool Boolean(ref Utf8JsonReader reader, Context context, string name) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw context.Error(ref reader, $"\"{name}\" must be true or false"),
    };

    private static string TierSetting(string tier) => tier switch
    {
        "big" => SettingNames.BigModel,
        "middle" => SettingNames.MiddleModel,
        _ => SettingNames.SmallModel,
    };

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') : message[..end];
    }

    /// <summary>The file being read, to turn a reader position into a line number.</summary>
    internal sealed class Context(ReadOnlySpan<byte> json, string path)
    {
        private readonly byte[] _json = json.ToArray();

        public int LineOf(ref Utf8JsonReader reader)
        {
            var end = (int)Math.Min(reader.TokenStartIndex, _json.Length);
            return _json.AsSpan(0, end).Count((byte)'\n') + 1;
        }

        public ConfigurationException Error(ref Utf8JsonReader reader, string problem) => Error(LineOf(ref reader), problem);

        public ConfigurationException Error(int line, string problem) => new($"{path} line {line}: {problem}");
    }
}
