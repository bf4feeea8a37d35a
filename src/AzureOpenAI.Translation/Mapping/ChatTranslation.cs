namespace AzureOpenAI.Translation.Mapping;

/// <summary>The upstream Chat Completions body (UTF-8 JSON) and the tool-name map needed to translate the answer back.</summary>
public sealed record ChatTranslation(ReadOnlyMemory<byte> Body, ToolNameMap ToolNames);
