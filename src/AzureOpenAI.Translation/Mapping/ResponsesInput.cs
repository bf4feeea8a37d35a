using AzureOpenAI.Translation.OpenAI;

namespace AzureOpenAI.Translation.Mapping;

/// <summary>
/// <see cref="Conversation"/> items → Responses input items (the system text becomes <c>instructions</c> instead):
/// <list type="bullet">
/// <item>user content → a user <c>message</c>;</item>
/// <item>an assistant turn → its replayed <c>reasoning</c> items first (the order the model produced them in), then its
/// text as an assistant <c>message</c>, then one <c>function_call</c> per tool call;</item>
/// <item>a tool result → <c>function_call_output</c>: plain text, or parts when it holds images or files, which the
/// Responses API accepts there (an error is then marked by a leading <c>Error:</c> part).</item>
/// </list>
/// </summary>
internal static class ResponsesInput
{
    /// <param name="reasoningIssuer">The deployment the request goes to; reasoning another deployment issued is dropped.</param>
    public static List<ResponsesInputItem> From(Conversation conversation, string? reasoningIssuer = null)
    {
        var input = new List<ResponsesInputItem>(conversation.Items.Count + 8);
        foreach (var item in conversation.Items)
        {
            switch (item)
            {
                case UserMessage user:
                    input.Add(new UserMessageItem(user.Parts));
                    break;
                case AssistantMessage assistant:
                    AddAssistantItems(assistant, input, reasoningIssuer);
                    break;
                case ToolResult result:
                    input.Add(result.HasAttachments
                        ? new FunctionCallOutputItem(result.CallId, null, result.PartsWithErrorMark())
                        : new FunctionCallOutputItem(result.CallId, result.Text, null));
                    break;
            }
        }
        return input;
    }

    private static void AddAssistantItems(AssistantMessage assistant, List<ResponsesInputItem> input, string? reasoningIssuer)
    {
        foreach (var reasoning in assistant.Reasoning)
            if (reasoning.ReplaysOn(reasoningIssuer)) input.Add(new ReasoningItem(reasoning.Id, reasoning.Summary, reasoning.EncryptedContent));
        if (!string.IsNullOrEmpty(assistant.Text)) input.Add(new AssistantMessageItem(assistant.Text));
        foreach (var call in assistant.ToolCalls) input.Add(new FunctionCallItem(call.Id, call.Name, call.Arguments));
    }
}
