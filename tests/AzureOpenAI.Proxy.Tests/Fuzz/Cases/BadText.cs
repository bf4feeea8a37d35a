using System.Text;

namespace AzureOpenAI.Proxy.Tests.Fuzz;

/// <summary>
/// Text a JSON tree cannot hold: raw bytes that are not UTF-8 and unpaired surrogate escapes. A mutation puts an ASCII
/// marker in the tree; <see cref="Substitute"/> swaps each marker for its bytes after serialization.
/// </summary>
public static class BadText
{
    private static readonly byte[][] Replacements =
    [
        [0xFF],                       // never valid in UTF-8
        [0x80],                       // a lone continuation byte
        [0xC0, 0xAF],                 // an overlong '/'
        [0xED, 0xA0, 0x80],           // a UTF-16 surrogate encoded as UTF-8 (CESU-8)
        [0xE2, 0x82],                 // a truncated three-byte sequence
        [0xF4, 0x90, 0x80, 0x80],     // above U+10FFFF
        "\\ud800"u8.ToArray(),        // a lone high surrogate escape
        "\\udfff"u8.ToArray(),        // a lone low surrogate escape
        "\\ude00\\ud83d"u8.ToArray(), // a pair in the wrong order
    ];

    private const string Prefix = "~fuzz-bad-text-";

    public static string Marker(int variant) => $"a{Prefix}{variant % Replacements.Length}~b";

    public static byte[] Substitute(byte[] json)
    {
        var text = Encoding.UTF8.GetString(json);
        if (!text.Contains(Prefix, StringComparison.Ordinal)) return json;
        var output = new List<byte>(json.Length);
        var parts = text.Split(Prefix);
        output.AddRange(Encoding.UTF8.GetBytes(parts[0]));
        foreach (var part in parts.Skip(1))
        {
            var end = part.IndexOf('~', StringComparison.Ordinal);
            output.AddRange(Replacements[int.Parse(part[..end], System.Globalization.CultureInfo.InvariantCulture)]);
            output.AddRange(Encoding.UTF8.GetBytes(part[(end + 1)..]));
        }
        return [.. output];
    }
}
