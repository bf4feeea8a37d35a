namespace AzureOpenAI.Translation;

/// <summary>
/// What an answer cost in tokens, in Anthropic's terms (<see cref="InputTokens"/> excludes the cached ones) plus the
/// reasoning part of the output, which Anthropic's wire format cannot carry: for the log and the usage records.
/// </summary>
public readonly record struct MessageUsage(int InputTokens, int OutputTokens, int CacheReadInputTokens, int CacheCreationInputTokens, int ReasoningTokens);

/// <summary>An Anthropic message (UTF-8 JSON) and the usage written into it.</summary>
public sealed record TranslatedMessage(byte[] Json, MessageUsage Usage);
