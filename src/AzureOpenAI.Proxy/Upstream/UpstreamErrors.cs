using System.Net.Sockets;
using AzureOpenAI.Translation.Anthropic;
using AzureOpenAI.Translation.Mapping;
using AzureOpenAI.Translation.Errors;

namespace AzureOpenAI.Proxy.Upstream;

/// <summary>
/// The one place where an upstream failure becomes what the client sees (PROTOCOL.md §5.4, CLAUDE-CODE.md §4):
/// <code>
/// HTTP status          UpstreamErrorMapper (400 context length → "prompt is too long: N tokens > M maximum", 429 + retry headers, …)
///                      plus the API's own hints (IUpstreamApi.WithHints)
/// timeout              504 timeout_error      retried by Claude Code (no answer, or silence mid-stream)
/// cannot connect       529 overloaded_error   retried by Claude Code (as for an upstream 502/503); names the host
/// lost mid-answer      500 api_error          retried by Claude Code; names the host
/// no Entra ID token    401 authentication_error  says how to sign in (az login, AZURE_OPENAI_AD_TOKEN, a key)
/// untranslatable       400 invalid_request_error naming the field
/// unusable 2xx answer  502 api_error           retried by Claude Code; names the host (HTML, {}, no choices, …)
/// </code>
/// </summary>
internal static class UpstreamErrors
{
    /// <param name="started">True when the answer had begun (headers received) before it failed: a lost connection is then mid-answer.</param>
    public static AnthropicError ToAnthropic(UpstreamFailure failure, string deployment, ProviderProfile profile, bool started = false) => failure.Kind switch
    {
        UpstreamFailureKind.HttpStatus => failure.Api.WithHints(UpstreamErrorMapper.Map(failure.Status, failure.Body, deployment), profile),
        // Silence before the headers and silence mid-stream are the same limit.
        UpstreamFailureKind.Timeout => new(AnthropicErrorType.Timeout,
            $"the upstream did not answer within REQUEST_TIMEOUT={(int)failure.Deadline.IdleTimeout.TotalSeconds}s"),
        UpstreamFailureKind.Credential => new(AnthropicErrorType.Authentication, failure.Exception!.Message),
        UpstreamFailureKind.Untranslatable => failure.TranslationError!,
        _ when started => new(AnthropicErrorType.Api,
            $"the connection to the upstream {profile.EndpointHost} was lost mid-stream: {Reason(failure.Exception)}"),
        _ => new(AnthropicErrorType.Overloaded, $"could not reach the upstream {profile.EndpointHost}: {Reason(failure.Exception)}"),
    };

    /// <summary>A 2xx answer that holds no usable message (an HTML page, <c>{}</c>, no choices): 502, which Claude Code retries.</summary>
    public static AnthropicError Unusable(ProviderProfile profile, string reason) =>
        new(AnthropicErrorType.Api, $"the upstream {profile.EndpointHost} sent an unusable answer: {reason}") { Status = 502 };

    /// <summary>The innermost socket or HTTP reason ("Connection refused", "Name or service not known"), never a stack trace.</summary>
    private static string Reason(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is SocketException socket) return socket.Message;
        return exception?.Message ?? "unknown error";
    }
}
