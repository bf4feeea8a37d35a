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

    internal static void RequireModel(MessagesRequest request)
    {
        if (MissingModel(request) is { } error) throw new AnthropicRequestException(error);
    }
}
