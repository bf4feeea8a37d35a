using AzureOpenAI.Translation.Mapping;

namespace AzureOpenAI.Translation.OpenAI;

/// <summary>
/// The Chat Completions request body (<c>CreateChatCompletionRequest</c>) restricted to the fields the proxy sends.
/// Null means "omit from the body".
/// </summary>
internal sealed class ChatRequest
{
    public string? Model { get; set; }
    public List<ChatMessage> Messages { get; set; } = [];
    public List<FunctionTool>? Tools { get; set; }
    public FunctionToolChoice? ToolChoice { get; set; }
    public bool? ParallelToolCalls { get; set; }
    public int? MaxTokens { get; set; }
    public int? MaxCompletionTokens { get; set; }
    public double? Temperature { get; set; }
    public double? TopP { get; set; }
    public List<string>? Stop { get; set; }
    public string? ReasoningEffort { get; set; }
    public string? User { get; set; }

    /// <summary>Routes a conversation's turns to one prompt cache (<see cref="PromptCacheKeys"/>).</summary>
    public string? PromptCacheKey { get; set; }

    /// <summary>When true, <c>stream_options.include_usage</c> is sent too, so the final chunk carries usage.</summary>
    public bool Stream { get; set; }
}
