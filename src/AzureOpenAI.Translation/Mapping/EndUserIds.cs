using System.Security.Cryptography;
using System.Text;

namespace AzureOpenAI.Translation.Mapping;

/// <summary>
/// <c>metadata.user_id</c> → <c>user</c>. Claude Code's user_id is a JSON blob with a device id and session id, far too
/// long and identifying to forward; a hash keeps it stable per user/session (useful for abuse monitoring and cache
/// bucketing) and short. <c>user</c> is sent rather than <c>safety_identifier</c> because it is the field both the OpenAI
/// spec and Azure's 2024-10-21 GA spec define (safety_identifier is OpenAI-only).
/// </summary>
internal static class EndUserIds
{
    internal const int HashHexLength = 32;

    /// <summary><c>u_</c> + 32 hex characters of SHA-256 (34 characters), or null when there is no user id.</summary>
    public static string? From(string? userId)
    {
        if (string.IsNullOrEmpty(userId)) return null;
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(userId), hash);
        return "u_" + Convert.ToHexStringLower(hash[..(HashHexLength / 2)]);
    }
}
