namespace AzureOpenAI.Proxy.Configuration;

/// <summary>
/// Parses <c>.env</c> text the way shells and the common dotenv libraries read it:
/// <list type="bullet">
/// <item><c>NAME=value</c>, optionally prefixed by <c>export </c>; blank lines and <c>#</c> comments are skipped;</item>
/// <item>unquoted values end at <c> #</c> (an inline comment) and are trimmed;</item>
/// <item><c>'single'</c> quotes keep everything literally; <c>"double"</c> quotes understand <c>\n \t \" \\</c> and may span lines.</item>
/// </list>
/// A line that is not an assignment is reported with its line number, so a typo never goes unnoticed.
/// </summary>
internal static class DotEnvParser
{
    public static IReadOnlyDictionary<string, string> Parse(string text, string sourceName)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var lineNumber = i + 1;
            var line = lines[i].Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            if (line.StartsWith("export ", StringComparison.Ordinal)) line = line["export ".Length..].TrimStart();

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? line[..equals].Trim() : "";
            if (!IsValidName(name))
                throw new ConfigurationException($"{sourceName} line {lineNumber}: expected NAME=value, found \"{Truncate(line)}\"");

            var rest = line[(equals + 1)..].TrimStart();
            values[name] = rest.Length > 0 && rest[0] is '"' or '\''
                ? ReadQuoted(lines, ref i, rest, sourceName, lineNumber)
                : StripInlineComment(rest);
        }
        return values;
    }

    private static string ReadQuoted(string[] lines, ref int index, string rest, string sourceName, int startLine)
    {
        var quote = rest[0];
        var builder = new System.Text.StringBuilder();
        var text = rest[1..];
        while (true)
        {
            for (var j = 0; j < text.Length; j++)
            {
                var c = text[j];
                if (c == quote) return builder.ToString();
                if (quote == '"' && c == '\\' && j + 1 < text.Length)
                {
                    j++;
                    builder.Append(text[j] switch { 'n' => '\n', 't' => '\t', 'r' => '\r', var other => other });
                    continue;
                }
                builder.Append(c);
            }
            // The closing quote is on a later line: the value spans lines.
            if (++index >= lines.Length)
                throw new ConfigurationException($"{sourceName} line {startLine}: the quoted value is never closed");
            builder.Append('\n');
            text = lines[index];
        }
    }

    private static string StripInlineComment(string value)
    {
        var comment = value.IndexOf(" #", StringComparison.Ordinal);
        return (comment >= 0 ? value[..comment] : value).Trim();
    }

    private static bool IsValidName(string name)
    {
        if (name.Length == 0 || char.IsAsciiDigit(name[0])) return false;
        foreach (var c in name)
            if (!char.IsAsciiLetterOrDigit(c) && c != '_') return false;
        return true;
    }

    private static string Truncate(string line) => line.Length <= 40 ? line : line[..40] + "…";
}
