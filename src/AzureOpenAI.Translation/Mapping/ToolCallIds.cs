using System.Security.Cryptography;
using System.Text;

namespace AzureOpenAI.Translation.Mapping;

/// <summary>
/// Tool-call ids cross the proxy both ways without any stored state:
/// <list type="bullet">
/// <item>to the upstream, an id longer than 40 characters or with characters outside <c>[A-Za-z0-9_-]</c>
/// becomes <c>call_</c> + a hash of it, the same for the assistant <c>tool_calls</c> and the <c>tool</c> reply;</item>
/// <item>to the client, an upstream id that Anthropic would reject (empty, or invalid characters) becomes
/// <c>toolu_</c> + a hash of it (or a random id when missing). Valid ids pass unchanged both ways.</item>
/// </list>
/// </summary>
internal static class ToolCallIds
{
    private const int MaxUpstreamLength = 40;
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string ToUpstream(string anthropicId) =>
        anthropicId.Length <= MaxUpstreamLength && IsValid(anthropicId) ? anthropicId : "call_" + HashId(anthropicId);

    public static string ToAnthropic(string? upstreamId) =>
        string.IsNullOrEmpty(upstreamId) ? NewAnthropicId()
        : IsValid(upstreamId) ? upstreamId
        : "toolu_" + HashId(upstreamId);

    /// <summary><c>toolu_</c> + 24 random base62 characters, for tool calls that arrive without an id.</summary>
    public static string NewAnthropicId() => "toolu_" + RandomBase62(24);

    internal static string RandomBase62(int length) => RandomNumberGenerator.GetString(Base62, length);

    private static bool IsValid(string id)
    {
        if (id.Length == 0) return false;
        foreach (var c in id)
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-')) return false;
        return true;
    }

    private static string HashId(string id)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(id), hash);
        Span<char> chars = stackalloc char[24];
        for (var i = 0; i < chars.Length; i++) chars[i] = Base62[hash[i] % Base62.Length];
        return new string(chars);
    }
}
