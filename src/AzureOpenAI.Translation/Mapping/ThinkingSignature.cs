namespace AzureOpenAI.Translation.Mapping;

/// <summary>
/// The signature given to thinking blocks translated from <c>reasoning_content</c>/<c>reasoning</c>. Upstream reasoning
/// carries no signature; Claude Code only sends the block back to this proxy, which drops or re-reads the text, so a
/// stable placeholder suffices. It is valid base64 (of "azure-openai-proxy") for clients that decode it.
/// </summary>
internal static class ThinkingSignature
{
    public const string Placeholder = "YXp1cmUtb3BlbmFpLXByb3h5";
}
