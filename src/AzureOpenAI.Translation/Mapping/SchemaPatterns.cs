namespace AzureOpenAI.Translation.Mapping;

/// <summary>
/// Whether a JSON Schema <c>pattern</c> uses only regex features OpenAI's and Azure's tool validators accept. Claude
/// Code writes ECMAScript patterns; the validator behind the 2.1.265 outage (anthropics/claude-code#92964) compiled them
/// with Python's <c>re</c> and answered 400 for every request, and OpenAI's structured outputs document no lookarounds
/// or backreferences. Rejected: Unicode property escapes (<c>\p{Cc}</c>, <c>\P{…}</c>), <c>\u{…}</c> code points,
/// lookahead and lookbehind, atomic groups, possessive quantifiers, backreferences (numbered and named), ECMAScript
/// named groups (<c>(?&lt;name&gt;…)</c>, which <c>re</c> spells <c>(?P&lt;name&gt;…)</c>) and conditionals.
/// </summary>
internal static class SchemaPatterns
{
    public static bool IsPortable(string pattern)
    {
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            var next = At(pattern, i + 1);
            if (c == '\\')
            {
                if (next is 'p' or 'P' or 'k' || (next == 'u' && At(pattern, i + 2) == '{') || (!inClass && next is >= '1' and <= '9')) return false;
                i++; // the escaped character is a literal
                continue;
            }
            if (inClass)
            {
                if (c == ']') inClass = false;
                continue;
            }
            if (c == '[') inClass = true;
            else if (c == '(' && next == '?' && !IsPortableGroup(At(pattern, i + 2), At(pattern, i + 3))) return false;
            else if (c is '*' or '+' or '?' or '}' && next == '+') return false; // possessive
        }
        return true;
    }

    /// <summary>After <c>(?</c>: non-capturing groups, inline flags and Python's <c>(?P&lt;name&gt;</c> are portable.</summary>
    private static bool IsPortableGroup(char first, char second) => first switch
    {
        '=' or '!' or '<' => false,   // lookahead; lookbehind (?<= (?<! and ECMAScript named groups (?<name>
        '>' or '(' => false,          // atomic group, conditional
        'P' => second == '<',         // (?P=name) is a backreference
        _ => true,
    };

    private static char At(string text, int index) => index < text.Length ? text[index] : '\0';
}
