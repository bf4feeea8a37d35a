namespace AzureOpenAI.Translation.Mapping;

/// <summary>
/// A function call the assistant made: Chat writes it in <c>tool_calls[]</c>, Responses as a <c>function_call</c> item.
/// <paramref name="Id"/> and <paramref name="Name"/> are already mapped for the upstream; <paramref name="Arguments"/> is compact JSON text.
/// </summary>
internal sealed record ToolCall(string Id, string Name, string Arguments);
