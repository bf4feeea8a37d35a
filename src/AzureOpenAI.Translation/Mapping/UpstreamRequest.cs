namespace AzureOpenAI.Translation.Mapping;

/// <summary>The upstream request body (UTF-8 JSON, Chat Completions or Responses) and the tool-name map needed to translate the answer back.</summary>
public sealed record UpstreamRequest(ReadOnlyMemory<byte> Body, ToolNameMap ToolNames);
