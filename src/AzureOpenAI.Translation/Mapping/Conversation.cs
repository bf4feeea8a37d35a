using AzureOpenAI.Translation.Anthropic;
using AzureOpenAI.Translation.OpenAI;

namespace AzureOpenAI.Translation.Mapping;

/// <summary>
/// What both upstream APIs share of a Messages request, mapped once into API-neutral form: the system text (top-level
/// <c>system</c> plus folded <c>role:"system"</c> turns), the conversation items (repaired and merged, ids and tool names
/// already the upstream ones), the function tools of the <see cref="EffectiveToolSet"/> (in the order declared) and the tool choice, and the tool-name map that translates the
/// answer back. <see cref="ChatCompletionsRequestMapper"/> and <see cref="ResponsesRequestMapper"/> each write it in
/// their API's own shape.
/// </summary>
internal sealed record Conversation(
    string? System,
    List<ConversationItem> Items,
    List<FunctionTool>? Tools,
    FunctionToolChoice? ToolChoice,
    ToolNameMap ToolNames)
{
    /// <summary>Throws <see cref="AnthropicRequestException"/> naming the field for a request that cannot be mapped.</summary>
    public static Conversation From(MessagesRequest request, DeploymentOptions options)
    {
        var conversation = From(request, options.MergeConsecutiveRoles, options.ToolSchemaDialect);
        if (!options.AcceptsFileParts) PdfTextFallback.Apply(conversation.Items);
        return conversation;
    }

    /// <summary>The same without a deployment: <see cref="RequestValidation.Untranslatable"/> maps only to find the error.</summary>
    public static Conversation From(MessagesRequest request, bool mergeConsecutiveRoles, ToolSchemaDialect dialect = ToolSchemaDialect.OpenAI)
    {
        RequestValidation.RequireModel(request);
        SamplingParameters.RequireRanges(request);
        var toolNames = new ToolNameMap();
        var declared = ToolDefinitions.ToFunctionTools(request.Tools, toolNames, dialect);
        var effective = new EffectiveToolSet(request.Tools);
        var (system, items) = ConversationReader.Read(request, toolNames, mergeConsecutiveRoles, effective);
        var tools = ToolDefinitions.Effective(declared, effective, toolNames);
        var toolChoice = tools is null ? null : ToolChoices.ToFunctionToolChoice(request.ToolChoice, tools, toolNames);
        return new Conversation(system, items, tools, toolChoice, toolNames);
    }
}
