namespace AzureOpenAI.Translation.OpenAI;

/// <summary>
/// A Responses <c>reasoning</c> input item rebuilt from a thinking block: the item id and <c>encrypted_content</c>
/// decoded from the signature (<see cref="Mapping.ReasoningSignature"/>), and the thinking text as its summary.
/// </summary>
internal sealed record ReasoningReplay(string Id, string EncryptedContent, string? Summary);
