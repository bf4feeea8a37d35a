using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AzureOpenAI.Proxy.Configuration;

/// <summary>
/// Claude Code's user settings (<c>~/.claude/settings.json</c>, or <c>$CLAUDE_CONFIG_DIR/settings.json</c>). Setup
/// merges the routing keys (and the model picker's, <see cref="ClaudeModelPicker"/>) into its <c>env</c> block, which routes every later Claude Code session to the proxy; everything
/// else in the file (keys, values, order, non-ASCII text) is kept. The file is never written when it does not parse.
/// </summary>
internal sealed class ClaudeSettingsFile(string path)
{
    public const string BaseUrlKey = "ANTHROPIC_BASE_URL";
    public const string AuthTokenKey = "ANTHROPIC_AUTH_TOKEN";
    public const string StatusLineKey = "statusLine";

    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        // Keep the user's text as they wrote it: no \u00e9 for é, no \u002B for +.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string Path { get; } = path;

    /// <summary>The user's settings file, honouring <c>CLAUDE_CONFIG_DIR</c> the way Claude Code does.</summary>
    public static ClaudeSettingsFile ForUser(Func<string, string?> environment)
    {
        var configDir = environment("CLAUDE_CONFIG_DIR");
        if (string.IsNullOrWhiteSpace(configDir)) configDir = System.IO.Path.Combine(DataHome.UserHome(environment), ".claude");
        return new ClaudeSettingsFile(System.IO.Path.Combine(configDir, "settings.json"));
    }

    /// <summary>
    /// Sets <c>env.ANTHROPIC_BASE_URL</c> and <c>env.ANTHROPIC_AUTH_TOKEN</c>. Returns the values it replaced (so
    /// <see cref="RemoveRouting"/> can put them back) and the backup written first, or none when nothing changed.
    /// </summary>
    /// <param name="redactor">Applied to the backup, so an older proxy token or key never lingers in a copy.</param>
    /// <param name="more">Further <c>env</c> keys to set alike (the model picker's, <see cref="ClaudeModelPicker"/>).</param>
    public MergeResult MergeRouting(string baseUrl, string authToken, SecretRedactor redactor, DateTime now,
        IReadOnlyDictionary<string, string>? more = null)
    {
        var (root, originalText) = Load();
        var env = EnvBlock(root, create: true)!;
        var wanted = new Dictionary<string, string>(StringComparer.Ordinal) { [BaseUrlKey] = baseUrl, [AuthTokenKey] = authToken };
        foreach (var (key, value) in more ?? new Dictionary<string, string>()) wanted.TryAdd(key, value);
        var previous = wanted.Keys.ToDictionary(key => key, key => StringValue(env, key), StringComparer.Ordinal);
        if (wanted.All(pair => previous[pair.Key] == pair.Value))
            return new MergeResult(Changed: false, BackupPath: null, Previous: previous);

        foreach (var (key, value) in wanted) env[key] = value;
        var backup = originalText is null ? null : WriteBackup(redactor.Redact(originalText), now);
        Save(root);
        return new MergeResult(Changed: true, backup, previous);
    }

    /// <summary>
    /// Takes back what <see cref="MergeRouting"/> added: each key is restored to its earlier value (or removed) only
    /// while it still holds the value setup wrote, so a later edit by the user is never undone.
    /// </summary>
    public RemoveResult RemoveRouting(IReadOnlyDictionary<string, string> ours, IReadOnlyDictionary<string, string?> previous,
        SecretRedactor redactor, DateTime now)
    {
        if (!File.Exists(Path)) return new RemoveResult([], [], null);
        var (root, originalText) = Load();
        var env = EnvBlock(root, create: false);
        List<string> restored = [], keptBecauseChanged = [];
        if (env is not null)
        {
            foreach (var (key, ourValue) in ours)
            {
                var current = StringValue(env, key);
                if (current is null) continue;
                if (current != ourValue) { keptBecauseChanged.Add(key); continue; }
                if (previous.TryGetValue(key, out var earlier) && earlier is not null) env[key] = earlier;
                else env.Remove(key);
                restored.Add(key);
            }
            // Setup creates the env block when it is missing; an empty one left behind is ours too.
            if (restored.Count > 0 && env.Count == 0) root.AsObject().Remove("env");
        }
        if (restored.Count == 0) return new RemoveResult(restored, keptBecauseChanged, null);
        var backup = WriteBackup(redactor.Redact(originalText!), now);
        Save(root);
        return new RemoveResult(restored, keptBecauseChanged, backup);
    }

    /// <summary>The <c>statusLine</c> Claude Code shows now: its command, the JSON of another kind, or null for none.</summary>
    public string? StatusLine()
    {
        var current = Load().Root[StatusLineKey];
        return current is JsonObject line && ClaudeSettingsJson.Text(line["command"]) is { } command ? command : current?.ToJsonString();
    }

    /// <summary>
    /// Sets <c>statusLine</c> to run <paramref name="command"/>, again every <paramref name="refreshSeconds"/> as well
    /// as on Claude Code's events. A statusline that is not <paramref name="isOurs"/> is kept unless
    /// <paramref name="replace"/>; the one replaced is returned as JSON text so <see cref="RemoveStatusLine"/> can put it back.
    /// </summary>
    public StatusLineMerge MergeStatusLine(string command, int refreshSeconds, bool replace, Func<string, bool> isOurs, SecretRedactor redactor, DateTime now)
    {
        var (root, originalText) = Load();
        var current = root[StatusLineKey];
        var currentCommand = current is JsonObject line ? ClaudeSettingsJson.Text(line["command"]) : null;
        // An interval the user set on ours is theirs to keep; a line from before the interval gets it.
        if (currentCommand == command && current!["refreshInterval"] is not null) return new StatusLineMerge(StatusLineOutcome.AlreadyInstalled, null, null);
        var ours = currentCommand == command || (currentCommand is not null && isOurs(currentCommand));
        if (current is not null && !ours && !replace) return new StatusLineMerge(StatusLineOutcome.KeptTheUsers, currentCommand ?? current.ToJsonString(), null);
        root.AsObject()[StatusLineKey] = new JsonObject { ["type"] = "command", ["command"] = command, ["refreshInterval"] = refreshSeconds };
        var backup = originalText is null ? null : WriteBackup(redactor.Redact(originalText), now);
        Save(root);
        return new StatusLineMerge(StatusLineOutcome.Installed, ours ? null : current?.ToJsonString(), backup);
    }

    /// <summary>
    /// Takes back <see cref="MergeStatusLine"/>: only while <c>statusLine</c> still runs <paramref name="ours"/>, it is
    /// restored to <paramref name="previousJson"/> or removed. Returns the backup written, or null when nothing changed.
    /// </summary>
    public string? RemoveStatusLine(string ours, string? previousJson, SecretRedactor redactor, DateTime now)
    {
        if (!File.Exists(Path)) return null;
        var (root, originalText) = Load();
        if (root[StatusLineKey] is not JsonObject line || ClaudeSettingsJson.Text(line["command"]) != ours) return null;
        if (previousJson is not null) root.AsObject()[StatusLineKey] = JsonNode.Parse(previousJson);
        else root.AsObject().Remove(StatusLineKey);
        var backup = WriteBackup(redactor.Redact(originalText!), now);
        Save(root);
        return backup;
    }

    /// <summary>Whether the file routes Claude Code to <paramref name="baseUrl"/> with the proxy's token, in words.</summary>
    public RoutingCheck CheckRouting(string baseUrl, string? authToken)
    {
        try
        {
            if (!File.Exists(Path)) return new RoutingCheck(false, $"{Path} does not exist: run `azure-openai setup`");
            var env = EnvBlock(Load().Root, create: false);
            var url = env is null ? null : StringValue(env, BaseUrlKey);
            if (url is null) return new RoutingCheck(false, $"{Path} has no env.{BaseUrlKey}: run `azure-openai setup`");
            if (!SameUrl(url, baseUrl)) return new RoutingCheck(false, $"env.{BaseUrlKey} is {url}, not this proxy ({baseUrl})");
            if (authToken is not null && StringValue(env!, AuthTokenKey) != authToken)
                return new RoutingCheck(false, $"env.{AuthTokenKey} does not match PROXY_AUTH_TOKEN: run `azure-openai setup`");
            return new RoutingCheck(true, $"{Path} routes Claude Code to {baseUrl}");
        }
        catch (SettingsFileException e)
        {
            return new RoutingCheck(false, e.Message);
        }
    }

    /// <summary>The parsed root object and the text it came from (null when the file does not exist).</summary>
    internal (JsonNode Root, string? Text) Load()
    {
        if (!File.Exists(Path)) return (new JsonObject(), null);
        var text = File.ReadAllText(Path);
        JsonNode? root;
        try
        {
            root = ClaudeSettingsJson.Parse(text);
        }
        catch (JsonException e)
        {
            throw new SettingsFileException($"{Path} is not valid JSON ({e.Message.Split(". ")[0]}); it was left untouched: fix it, then run setup again");
        }
        if (root is not JsonObject)
            throw new SettingsFileException($"{Path} does not hold a JSON object; it was left untouched: fix it, then run setup again");
        return (root, text);
    }

    private JsonObject? EnvBlock(JsonNode root, bool create)
    {
        var obj = root.AsObject();
        if (obj["env"] is JsonObject env) return env;
        if (obj.ContainsKey("env") && obj["env"] is not null)
            throw new SettingsFileException($"{Path}: \"env\" is not an object; it was left untouched: fix it, then run setup again");
        if (!create) return null;
        env = [];
        obj["env"] = env;
        return env;
    }

    private static string? StringValue(JsonObject env, string key) => ClaudeSettingsJson.Text(env[key]);

    private static bool SameUrl(string a, string b) =>
        string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    private string WriteBackup(string originalText, DateTime now) => AtomicFile.WriteBackup(Path, originalText, now);

    private void Save(JsonNode root) => AtomicFile.WriteAllText(Path, root.ToJsonString(WriteOptions) + "\n");
}

internal sealed record MergeResult(bool Changed, string? BackupPath, IReadOnlyDictionary<string, string?> Previous);

internal sealed record RemoveResult(IReadOnlyList<string> Restored, IReadOnlyList<string> KeptBecauseChanged, string? BackupPath);

internal sealed record RoutingCheck(bool RoutesHere, string Explanation);

internal enum StatusLineOutcome
{
    Installed,
    AlreadyInstalled,

    /// <summary>Another statusline is set and was not to be replaced.</summary>
    KeptTheUsers,
}

/// <param name="Previous">Installed: the statusline replaced (JSON), if any. KeptTheUsers: the user's command.</param>
internal sealed record StatusLineMerge(StatusLineOutcome Outcome, string? Previous, string? BackupPath);

/// <summary>The settings file cannot be used as it is; the message says why and that the file was not touched.</summary>
internal sealed class SettingsFileException(string message) : Exception(message);
