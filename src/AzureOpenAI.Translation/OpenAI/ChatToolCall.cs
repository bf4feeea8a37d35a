namespace AzureOpenAI.Translation.OpenAI;

/// <summary>An assistant <c>tool_calls[]</c> entry; <paramref name="Arguments"/> is compact JSON text.</summary>
internal sealed record ChatToolCall(string Id, string Name, string Arguments);
