using System.Security.Cryptography;
using System.Text;

namespace AzureOpenAI.Translation.Mapping;

/// <summary>
/// Anthropic tool names allow up to 128 characters (MCP tools such as <c>mcp__server__tool</c> often exceed OpenAI's
/// limit of 64, <c>^[a-zA-Z0-9_-]{1,64}$</c>). Invalid names are shortened deterministically, so the same name maps to
/// the same upstream name on every turn, and the map, built per request from its tools, translates answers back.
/// </summary>
public sealed class ToolNameMap
{
    private const int MaxUpstreamLength = 64;
    private const int HashLength = 8;

    private readonly Dictionary<string, string> _toUpstream = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _toAnthropic = new(StringComparer.Ordinal);

    /// <summary>The upstream name for <paramref name="name"/>, remembered so that <see cref="ToAnthropic"/> can reverse it.</summary>
    public string ToUpstream(string name)
    {
        if (_toUpstream.TryGetValue(name, out var known)) return known;
        var upstream = IsValidUpstreamName(name) ? name : Shorten(name);
        _toUpstream[name] = upstream;
        _toAnthropic.TryAdd(upstream, name);
        return upstream;
    }

    /// <summary>The client's name for an upstream tool name; unknown names pass through unchanged.</summary>
    public string ToAnthropic(string upstreamName) =>
        _toAnthropic.TryGetValue(upstreamName, out var original) ? original : upstreamName;

    public static bool IsValidUpstreamName(string name)
    {
        if (name.Length is 0 or > MaxUpstreamLength) return false;
        foreach (var c in name)
            if (!IsAllowed(c)) return false;
        return true;
    }

    /// <summary>Replaces invalid characters with <c>_</c>, keeps a readable prefix and appends a hash of the original name.</summary>
    internal static string Shorten(string name)
    {
        var prefixLength = Math.Min(name.Length, MaxUpstreamLength - HashLength - 1);
        var builder = new StringBuilder(MaxUpstreamLength);
        for (var i = 0; i < prefixLength; i++) builder.Append(IsAllowed(name[i]) ? name[i] : '_');
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(name));
        builder.Append('_').Append(Convert.ToHexStringLower(hash.AsSpan(0, HashLength / 2)));
        return builder.ToString();
    }

    private static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';
}
