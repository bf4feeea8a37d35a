using AzureOpenAI.Translation.Mapping;

namespace AzureOpenAI.Translation.OpenAI;

/// <summary>One entry of a Responses request's <c>input</c> (PROTOCOL.md §4.1).</summary>
internal abstract record ResponsesInputItem;

/// <summary><c>{type:"message", role:"user", content:[input_text|input_image|input_file]}</c>.</summary>
internal sealed record UserMessageItem(List<ContentPart> Content) : ResponsesInputItem;

/// <summary>
/// <c>{type:"message", role:"assistant", content:"…"}</c>. The text is a plain string: the <c>output_text</c> part form
/// would have to carry an item id, a status, annotations and logprobs to be a valid <c>OutputMessage</c>.
/// </summary>
internal sealed record AssistantMessageItem(string Text) : ResponsesInputItem;

/// <summary><c>{type:"function_call", call_id, name, arguments}</c>.</summary>
internal sealed record FunctionCallItem(string CallId, string Name, string Arguments) : ResponsesInputItem;

/// <summary><c>{type:"function_call_output", call_id, output}</c>: the output is <paramref name="Parts"/> when set, else <paramref name="Text"/>.</summary>
internal sealed record FunctionCallOutputItem(string CallId, string? Text, List<ContentPart>? Parts) : ResponsesInputItem;

/// <summary><c>{type:"reasoning", id, summary:[summary_text?], encrypted_content}</c>.</summary>
internal sealed record ReasoningItem(string Id, string? Summary, string EncryptedContent) : ResponsesInputItem;
