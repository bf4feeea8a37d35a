using AzureOpenAI.Translation.Anthropic;
using AzureOpenAI.Translation.OpenAI;

namespace AzureOpenAI.Translation.Mapping;

/// <summary><c>tool_choice</c> and <c>disable_parallel_tool_use</c> → <c>tool_choice</c> and <c>parallel_tool_calls</c>.</summary>
internal static class ToolChoices
{
    /// <summary>
    /// auto/any/tool/none → "auto"/"required"/named function/"none". A named tool that was not sent upstream (a
    /// server tool that was dropped) cannot be forced, so the choice is left to the model (omitted, i.e. auto).
    /// </summary>
    public static FunctionToolChoice? ToFunctionToolChoice(ToolChoice? choice, List<FunctionTool> tools, ToolNameMap toolNames)
    {
        if (choice is null) return null;
        switch (choice.Type)
        {
            case "auto": return FunctionToolChoice.ForMode("auto");
            case "any": return FunctionToolChoice.ForMode("required");
            case "none": return FunctionToolChoice.ForMode("none");
            case "tool":
                if (string.IsNullOrEmpty(choice.Name)) throw ContentBlocks.Invalid("tool_choice.name", "field required");
                var name = toolNames.ToUpstream(choice.Name);
                return tools.Exists(tool => tool.Name == name) ? FunctionToolChoice.ForFunction(name) : null;
            case null:
                throw ContentBlocks.Invalid("tool_choice.type", "field required");
            default:
                throw ContentBlocks.Invalid("tool_choice.type", $"unknown tool_choice type \"{choice.Type}\" (expected \"auto\", \"any\", \"tool\" or \"none\")");
        }
    }

    /// <summary>
    /// <c>disable_parallel_tool_use:true</c> → <c>parallel_tool_calls:false</c>, unless the family rejects the parameter
    /// (<see cref="ModelParameterRules.ParallelToolCallsAllowed"/>: Azure rejects it for the o-series, PROTOCOL.md §2.1,
    /// §3.5, and the gpt-5 rows list the same rejections). Claude Code handles several calls in one turn, so omitting it is safe.
    /// </summary>
    public static bool? ToParallelToolCalls(ToolChoice? choice, ModelParameterRules rules) =>
        choice?.DisableParallelToolUse == true && rules.ParallelToolCallsAllowed ? false : null;
}
