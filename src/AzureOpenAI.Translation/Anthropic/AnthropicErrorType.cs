namespace AzureOpenAI.Translation.Anthropic;

/// <summary>The closed set of Anthropic <c>error.type</c> values (PROTOCOL.md §1.7) with their HTTP statuses.</summary>
public enum AnthropicErrorType
{
    InvalidRequest,
    Authentication,
    Billing,
    Permission,
    NotFound,
    RequestTooLarge,
    RateLimit,
    Api,
    Timeout,
    Overloaded,
}

public static class AnthropicErrorTypes
{
    public static string WireName(this AnthropicErrorType type) => type switch
    {
        AnthropicErrorType.InvalidRequest => "invalid_request_error",
        AnthropicErrorType.Authentication => "authentication_error",
        AnthropicErrorType.Billing => "billing_error",
        AnthropicErrorType.Permission => "permission_error",
        AnthropicErrorType.NotFound => "not_found_error",
        AnthropicErrorType.RequestTooLarge => "request_too_large",
        AnthropicErrorType.RateLimit => "rate_limit_error",
        AnthropicErrorType.Timeout => "timeout_error",
        AnthropicErrorType.Overloaded => "overloaded_error",
        _ => "api_error",
    };

    public static int HttpStatus(this AnthropicErrorType type) => type switch
    {
        AnthropicErrorType.InvalidRequest => 400,
        AnthropicErrorType.Authentication => 401,
        AnthropicErrorType.Billing => 402,
        AnthropicErrorType.Permission => 403,
        AnthropicErrorType.NotFound => 404,
        AnthropicErrorType.RequestTooLarge => 413,
        AnthropicErrorType.RateLimit => 429,
        AnthropicErrorType.Timeout => 504,
        AnthropicErrorType.Overloaded => 529,
        _ => 500,
    };
}
