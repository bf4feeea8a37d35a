using AzureOpenAI.Translation.Anthropic;

namespace AzureOpenAI.Translation.Mapping;

/// <summary>
/// The checks a Messages request must pass before it can be routed, in one place: the endpoint asks before routing,
/// and the request mappers insist for every other caller.
/// </summary>
public static class RequestValidation
{
    /// <summary>The <c>invalid_request_error</c> for a request without <c>model</c>, or null when it names one.</summary>
    public static AnthropicError? MissingModel(MessagesRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return string.IsNullOrEmpty(request.Model) ? new AnthropicError(AnthropicErrorType.InvalidRequest, "model: field required") : null;
    }

    /// <summary>
    /// The <c>invalid_request_error</c> naming the first string in the raw body that is not Unicode text (bytes that are
    /// not UTF-8, an unpaired surrogate escape), or null. Check before parsing: the parser lets both through.
    /// </summary>
    /// <exception cref="System.Text.Json.JsonException">The body is not JSON.</exception>
    public static AnthropicError? InvalidText(ReadOnlySpan<byte> body) =>
        RequestText.FindInvalid(body) is (var field, var problem) ? new AnthropicError(AnthropicErrorType.InvalidRequest, $"{field}: {problem}") : null;

    /// <summary>
    /// The <c>invalid_request_error</c> the mappers would raise for this request (model, temperature and top_p, messages,
    /// content blocks, tools, tool_choice), or null: for endpoints that read a request without translating it, such as <c>count_tokens</c>.
    /// </summary>
    public static AnthropicError? Untranslatable(MessagesRequest request)
    {
        try
        {
            _ = Conversation.From(request, mergeConsecutiveRoles: true);
            return null;
        }
        catch (AnthropicRequestException ex)
        {
            return ex.Error;
        }
    }

    internal static void RequireModel(MessagesRequest request)
    {
        if (MissingModel(request) is { } error) throw new AnthropicRequestException(error);
    }
}
