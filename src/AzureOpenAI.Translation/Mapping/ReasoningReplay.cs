namespace AzureOpenAI.Translation.Mapping;

/// <summary>
/// A Responses reasoning item recovered from a thinking block: the item id and <c>encrypted_content</c> decoded from
/// the signature (<see cref="Mapping.ReasoningSignature"/>), the thinking text as its summary, and the deployment that
/// issued it (null in older signatures). Only the Responses mapping replays it; Chat Completions has no place for it.
/// </summary>
internal sealed record ReasoningReplay(string Id, string EncryptedContent, string? Summary, string? Issuer = null)
{
    /// <summary>
    /// Whether <paramref name="deployment"/> can decrypt it: always when either side is unknown (older signatures,
    /// callers that name no issuer), else only the deployment that issued it.
    /// </summary>
    public bool ReplaysOn(string? deployment) => Issuer is null || deployment is null || Issuer == deployment;
}
