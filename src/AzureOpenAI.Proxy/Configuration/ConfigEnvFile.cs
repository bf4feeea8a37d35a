using System.Text;

namespace AzureOpenAI.Proxy.Configuration;

/// <summary>
/// Updates <c>config.env</c> in place: changed keys keep their line, new keys are appended, and every other line
/// (comments, blank lines, keys this version does not know) survives untouched. Writes are atomic with mode 0600.
/// Reading values is the configuration loader's job; this class only needs to recognise which line sets which key.
/// </summary>
internal static class ConfigEnvFile
{
    /// <summary>Applies <paramref name="changes"/> (a null value removes the key) and rewrites the file atomically.</summary>
    public static void Update(string path, IReadOnlyDictionary<string, string?> changes)
    {
        var lines = File.Exists(path) ? File.ReadAllLines(path).ToList() : [];
        var written = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Count; i++)
        {
            var key = KeyOf(lines[i]);
            if (key is null || !changes.TryGetValue(key, out var value)) continue;
            // A repeated key would shadow the new value depending on the reader: keep only the first line.
            if (value is null || !written.Add(key)) { lines.RemoveAt(i--); continue; }
            lines[i] = FormatLine(key, value);
        }
        foreach (var (key, value) in changes)
            if (value is not null && written.Add(key)) lines.Add(FormatLine(key, value));

        var content = new StringBuilder();
        foreach (var line in lines) content.Append(line).Append('\n');
        AtomicFile.WriteAllText(path, content.ToString());
    }

    /// <summary>The key a line assigns (<c>KEY=…</c> or <c>export KEY=…</c>), or null for comments and other lines.</summary>
    public static string? KeyOf(string line)
    {
        var text = line.TrimStart();
        if (text.StartsWith("export ", StringComparison.Ordinal)) text = text["export ".Length..].TrimStart();
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0) return null;
        var key = text[..equals].TrimEnd();
        return IsValidKey(key) ? key : null;
    }

    /// <summary>A line the usual .env readers (and ours) read back as exactly <paramref name="value"/>.</summary>
    public static string FormatLine(string key, string value)
    {
        if (value.Contains('\n', StringComparison.Ordinal) || value.Contains('\r', StringComparison.Ordinal))
            throw new ArgumentException($"{key}: a value in config.env cannot span lines", nameof(value));
        return value.All(IsBareSafe) ? $"{key}={value}" : $"{key}=\"{value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"";
    }

    private static bool IsValidKey(string key) =>
        key.Length > 0 && !char.IsAsciiDigit(key[0]) && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static bool IsBareSafe(char c) => char.IsAsciiLetterOrDigit(c) || "_-.:/@+,=%~".Contains(c, StringComparison.Ordinal);
}
