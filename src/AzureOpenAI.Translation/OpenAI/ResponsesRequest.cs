using AzureOpenAI.Translation.Mapping;

namespace AzureOpenAI.Translation.OpenAI;

/// <summary>
/// The Responses request body (<c>CreateResponse</c>, PROTOCOL.md §4.1) restricted to the fields the proxy sends.
/// Null means "omit from the body".
/// </summary>
internal sealed class ResponsesRequest
{
    public required string Model { get; init; }
    public string? Instructions { get; set; }
    public List<ResponsesInputItem> Input { get; set; } = [];
    public List<FunctionTool>? Tools { get; set; }
    public FunctionToolChoice? ToolChoice { get; set; }
    public bool? ParallelToolCalls { get; set; }
    public int MaxOutputTokens { get; set; }
    public double? Temperature { get; set; }
    public double? TopP { get; set; }

    /// <summary>True for reasoning models: <c>reasoning</c> is sent (with <c>summary:"auto"</c>) and encrypted reasoning is requested.</summary>
    public bool Reasoning { get; set; }
    public string? ReasoningEffort { get; set; }
    public string? User { get; set; }

    /// <summary>Routes a conversation's turns to one prompt cache (<see cref="PromptCacheKeys"/>).</summary>
    public string? PromptCacheKey { get; set; }
    public bool Stream { get; set; }
}
