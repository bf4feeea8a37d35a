using System.Text;

namespace AzureOpenAI.Proxy;

/// <summary>
/// Text that is safe in a log line and on a terminal: control characters (C0, DEL, C1 such as NEL and CSI), line and
/// paragraph separators and bidi overrides become visible escapes (<c>\x1b</c>, <c>\u2028</c>), so a hostile model
/// name, path or header can neither forge a log line nor send escape sequences to the terminal that shows it.
/// </summary>
internal static class LogText
{
    public const int MaxValueChars = 200;

    /// <summary>A value that came from a request: escaped, and cut to <see cref="MaxValueChars"/> characters plus "…".</summary>
    public static string Value(string? value)
    {
        if (value is null) return "";
        if (value.Length <= MaxValueChars) return Line(value);
        var cut = char.IsHighSurrogate(value[MaxValueChars - 1]) ? MaxValueChars - 1 : MaxValueChars;
        return Line(value[..cut]) + "…";
    }

    /// <summary>A whole line, escaped but not shortened.</summary>
    public static string Line(string line)
    {
        var first = line.AsSpan().IndexOfAny(Unsafe);
        if (first < 0) return line;
        var text = new StringBuilder(line.Length + 16).Append(line, 0, first);
        for (var i = first; i < line.Length; i++)
        {
            var c = line[i];
            if (c < 0x20 || c == 0x7F) text.Append(@"\x").Append(((int)c).ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            else if (Unsafe.Contains(c)) text.Append(@"\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            else text.Append(c);
        }
        return text.ToString();
    }

    private static readonly System.Buffers.SearchValues<char> Unsafe = System.Buffers.SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(c => (char)c), .. Enumerable.Range(0x7F, 0x21).Select(c => (char)c),
         '\u200E', '\u200F', '\u2028', '\u2029', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069']);
}
