namespace AzureOpenAI.Translation.Mapping;

/// <summary>
/// A Responses reasoning item recovered from a thinking block: the item id and <c>encrypted_content</c> decoded from
/// the signature (<see cref="Mapping.ReasoningSignature"/>), and the thinking text as its summary. Only the Responses
/// mapping replays it; Chat Completions has no place for it.
/// </summary>
internal sealed record ReasoningReplay(string Id, string EncryptedContent, string? Summary);
