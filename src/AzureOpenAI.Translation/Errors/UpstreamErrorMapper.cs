using System.Globalization;
using System.Text.RegularExpressions;
using AzureOpenAI.Translation.Anthropic;

namespace AzureOpenAI.Translation.Errors;

/// <summary>Upstream HTTP error (status + body) → Anthropic error (PROTOCOL.md §5.4, CLAUDE-CODE.md §4).</summary>
public static partial class UpstreamErrorMapper
{
    /// <summary>
    /// Maps an upstream error response. <paramref name="deployment"/>, when given, is named in a 404 so the user can
    /// see which configured deployment is wrong (Azure's DeploymentNotFound message does not say).
    /// </summary>
    public static AnthropicError Map(int status, ReadOnlySpan<byte> body, string? deployment = null) =>
        Map(status, UpstreamErrorDetails.Parse(body), deployment);

    /// <summary>
    /// Maps an error that arrived inside a <c>200</c> stream (<c>{"error":{…}}</c>, vLLM <c>{"object":"error",…}</c>,
    /// OpenRouter's error chunk) or body. The status comes from the payload's numeric code or <c>status</c>, else from
    /// its code or type; an unexplained error is a 500 <c>api_error</c>, which clients retry.
    /// </summary>
    public static AnthropicError MapPayload(ReadOnlySpan<byte> payload)
    {
        var details = UpstreamErrorDetails.Parse(payload);
        return Map(details.Status is >= 400 and < 600 ? details.Status.Value : StatusFromCode(details), details, null);
    }

    /// <summary>
    /// Recognises the 400 that names the deployment's output limit: "max_tokens is too large: 200000. This model
    /// supports at most 16384 completion tokens" (also <c>max_completion_tokens</c>), DeepSeek's "the valid range of
    /// max_tokens is [1, 8192]" and Groq's "`max_tokens` must be less than or equal to `32768`". The proxy retries once
    /// with <paramref name="limit"/> and remembers it for the deployment.
    /// </summary>
    public static bool TryParseMaxTokensLimit(ReadOnlySpan<byte> body, out int limit)
    {
        var match = MaxTokensLimitRegex().Match(UpstreamErrorDetails.Parse(body).Message ?? "");
        limit = match.Success && int.TryParse(match.Groups["limit"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value : 0;
        return limit > 0;
    }

    /// <summary>
    /// Recognises the refusal of a Chat Completions request for a model served only by the Responses API: Azure's 400
    /// <c>OperationNotSupported</c> ("The chatCompletion operation does not work with the specified model, …") and
    /// OpenAI's 404 "This model is only supported in v1/responses and not in v1/chat/completions." The proxy then
    /// switches the deployment to the Responses API and resends.
    /// </summary>
    public static bool IsChatOperationNotSupported(int status, ReadOnlySpan<byte> body)
    {
        if (status is not (400 or 404)) return false;
        var details = UpstreamErrorDetails.Parse(body);
        return string.Equals(details.Code, "OperationNotSupported", StringComparison.OrdinalIgnoreCase)
            || ChatNotSupportedRegex().IsMatch(details.Message ?? "");
    }

    /// <summary>
    /// True for a quota answer: any 429, and Azure API Management's 403 quota answers ("Out of call volume quota. Quota
    /// will be replenished in 00:00:59.", "Out of bandwidth quota", llm-token-limit's "Token quota is exceeded"),
    /// which are no permission problem.
    /// </summary>
    public static bool IsQuotaExhausted(int status, ReadOnlySpan<byte> body) =>
        status == 429 || (status == 403 && IsApimQuota(UpstreamErrorDetails.Parse(body).Message));

    /// <summary>When the quota resets, as the message says it ("replenished in 1.00:00:00", "try again in 5 seconds", "retry after 86400 seconds").</summary>
    public static TimeSpan? QuotaResetAfter(ReadOnlySpan<byte> body)
    {
        var match = QuotaResetRegex().Match(UpstreamErrorDetails.Parse(body).Message ?? "");
        if (!match.Success) return null;
        if (match.Groups["seconds"].Success)
            return TimeSpan.FromSeconds(int.Parse(match.Groups["seconds"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture));
        return TimeSpan.TryParse(match.Groups["span"].ValueSpan, CultureInfo.InvariantCulture, out var span) ? span : null;
    }

    private static bool IsApimQuota(string? message) => message is not null && ApimQuotaRegex().IsMatch(message);

    private static AnthropicError Map(int status, UpstreamErrorDetails details, string? deployment)
    {
        var upstream = details.Message is { Length: > 0 } message ? message : $"The upstream answered HTTP {status}.";
        if (status == 400 && details.FilteredCategories is { } categories)
            return new AnthropicError(AnthropicErrorType.InvalidRequest, ContentFilterError.Message(categories, details.Message));
        if (status is 400 or 413 or 422 && ContextLengthError.TryRewrite(details.Message, details.Code, out var rewritten))
            return new AnthropicError(AnthropicErrorType.InvalidRequest, rewritten);
        return status switch
        {
            400 or 409 or 422 => new(AnthropicErrorType.InvalidRequest, upstream),
            401 when Cause(status, details) == UpstreamErrorCause.KeyAuthDisabled => new(AnthropicErrorType.Authentication,
                $"Key authentication is disabled on this Azure resource (HTTP 401): {upstream} Use Microsoft Entra ID instead: "
                + "set AZURE_AUTH=entra and sign in with `az login` (or run `azure-openai setup --auth entra`)."),
            401 => new(AnthropicErrorType.Authentication,
                $"The upstream rejected the credentials (HTTP 401): {upstream} Check the API key (OPENAI_API_KEY) or the Entra ID settings."),
            402 => new(AnthropicErrorType.Billing, upstream),
            403 when IsApimQuota(details.Message) => new(AnthropicErrorType.RateLimit, $"The API gateway's quota is used up (HTTP 403): {upstream}"),
            403 => new(AnthropicErrorType.Permission, upstream),
            404 => new(AnthropicErrorType.NotFound, NotFoundMessage(upstream, Cause(status, details), deployment)),
            408 or 504 => new(AnthropicErrorType.Timeout, upstream),
            413 => new(AnthropicErrorType.RequestTooLarge, upstream),
            // OpenAI answers an exhausted quota with 429 too; retrying it is futile, so it is a billing error.
            429 when details.Code == "insufficient_quota" || details.Type == "insufficient_quota" => new(AnthropicErrorType.Billing, upstream),
            429 => new(AnthropicErrorType.RateLimit, upstream),
            502 or 503 => new(AnthropicErrorType.Overloaded, upstream),
            _ when status >= 500 => new(AnthropicErrorType.Api, upstream),
            _ => new(AnthropicErrorType.InvalidRequest, upstream),
        };
    }

    private static UpstreamErrorCause Cause(int status, UpstreamErrorDetails details) =>
        UpstreamErrorCauses.Recognize(status, details.Code, details.Message);

    private static string NotFoundMessage(string upstream, UpstreamErrorCause cause, string? deployment)
    {
        if (cause == UpstreamErrorCause.DeploymentNotFound)
        {
            var which = deployment is null ? "The Azure deployment" : $"The Azure deployment '{deployment}'";
            return $"{which} was not found (DeploymentNotFound): {upstream} Check BIG_MODEL, MIDDLE_MODEL and SMALL_MODEL.";
        }
        return deployment is null ? upstream : $"{upstream} (deployment or model '{deployment}')";
    }

    private static int StatusFromCode(UpstreamErrorDetails details) => (details.Code ?? details.Type) switch
    {
        "rate_limit_exceeded" or "rate_limit_error" or "insufficient_quota" => 429,
        "context_length_exceeded" or "invalid_request_error" or "content_filter" => 400,
        "overloaded_error" or "server_overloaded" => 503,
        "timeout" => 504,
        _ => 500,
    };

    [GeneratedRegex(@"out of (?:call volume|bandwidth) quota|quota (?:is )?exceeded", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ApimQuotaRegex();

    [GeneratedRegex(@"replenished in (?<span>(?:\d{1,4}\.)?\d{1,2}:\d{2}:\d{2})|(?:try again|retry) (?:in|after) (?<seconds>\d{1,9}) seconds?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QuotaResetRegex();

    [GeneratedRegex(@"chat ?completions? operation does not work with the specified model|only supported in v1/responses",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ChatNotSupportedRegex();

    [GeneratedRegex(@"max_(?:completion_)?tokens.{0,4} is too large.*?supports at most (?<limit>\d{1,9}) completion tokens|valid range of max_tokens is \[\d+, (?<limit>\d{1,9})\]|max_(?:completion_)?tokens.{0,4} must be less than or equal to .?(?<limit>\d{1,9})",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex MaxTokensLimitRegex();
}
