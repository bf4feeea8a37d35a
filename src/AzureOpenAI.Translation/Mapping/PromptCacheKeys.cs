using System.Security.Cryptography;
using System.Text;

namespace AzureOpenAI.Translation.Mapping;

/// <summary>
/// The upstream <c>prompt_cache_key</c>: a hash of Claude Code's <c>X-Claude-Code-Session-Id</c> (and of
/// <c>x-claude-code-agent-id</c> for a subagent, whose prompt differs), so every turn of one conversation lands on the
/// same cache bucket while nothing identifying leaves the machine. No session, no key.
/// </summary>
internal static class PromptCacheKeys
{
    private const string Prefix = "cc-";

    public static string? From(string? sessionId, string? agentId)
    {
        if (string.IsNullOrEmpty(sessionId)) return null;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(agentId is null ? sessionId : sessionId + "\n" + agentId));
        return Prefix + Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
