using AzureOpenAI.Translation.Anthropic;

namespace AzureOpenAI.Translation.Tokens;

/// <summary>Local input-token count for <c>count_tokens</c> and the <c>message_start</c> estimate; never calls upstream.</summary>
public static class TokenCounter
{
    /// <summary>Counts system, messages, tool_use inputs, tool results, tool definitions and images for <paramref name="upstreamModel"/>'s encoding.</summary>
    public static int CountInputTokens(MessagesRequest request, string upstreamModel) =>
        throw new NotImplementedException($"token counting: issue #2 {request} {upstreamModel}");
}
