using System.Text.Json.Serialization;

namespace AzureOpenAI.Translation.Anthropic;

/// <summary>Source-generated (AOT-safe) serialization of the Anthropic wire models.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MessagesRequest))]
public sealed partial class AnthropicJsonContext : JsonSerializerContext;
