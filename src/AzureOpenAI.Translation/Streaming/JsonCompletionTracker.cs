namespace AzureOpenAI.Translation.Streaming;

/// <summary>
/// Follows the structure of tool-call arguments as their fragments stream by, to tell when the JSON value is complete.
/// Fragments are fed in their escaped form (the content of the upstream JSON string), so one level of string escapes is
/// decoded on the fly; escapes are never split across fragments because each fragment is a whole JSON string.
/// Only brackets, braces, quotes and backslashes matter, all ASCII.
/// </summary>
internal struct JsonCompletionTracker
{
    private int _depth;
    private bool _started;
    private bool _inString;
    private bool _escaped;

    /// <summary>True once a top-level object or array has been opened and closed again.</summary>
    public readonly bool IsComplete => _started && _depth == 0 && !_inString;

    public void Observe(ReadOnlySpan<byte> escapedFragment)
    {
        for (var i = 0; i < escapedFragment.Length; i++)
        {
            var c = escapedFragment[i];
            if (c == '\\' && ++i < escapedFragment.Length) c = Unescape(escapedFragment, ref i);
            Feed(c);
        }
    }

    /// <summary>The character an outer escape stands for, as far as structure goes: anything non-ASCII is a plain letter.</summary>
    private static byte Unescape(ReadOnlySpan<byte> fragment, ref int i)
    {
        var c = fragment[i];
        if (c != 'u') return c is (byte)'"' or (byte)'\\' or (byte)'/' ? c : (byte)' ';
        if (i + 4 >= fragment.Length
            || !int.TryParse(fragment.Slice(i + 1, 4), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var code))
            return (byte)' ';
        i += 4;
        return code < 0x80 ? (byte)code : (byte)'a';
    }

    private void Feed(byte c)
    {
        if (_inString)
        {
            if (_escaped) _escaped = false;
            else if (c == '\\') _escaped = true;
            else if (c == '"') _inString = false;
            return;
        }
        switch (c)
        {
            case (byte)'"':
                _inString = true;
                break;
            case (byte)'{' or (byte)'[':
                _depth++;
                _started = true;
                break;
            case (byte)'}' or (byte)']' when _depth > 0:
                _depth--;
                break;
        }
    }
}
