using System.Net.Sockets;
using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Proxy.Upstream;
using AzureOpenAI.Translation.Anthropic;
using AzureOpenAI.Translation.Mapping;

namespace AzureOpenAI.Proxy.Server;

/// <summary>
/// The one place where an upstream failure becomes what the client sees (PROTOCOL.md §5.4, CLAUDE-CODE.md §4):
/// <code>
/// HTTP status          UpstreamErrorMapper (400 context length → "prompt is too long: N tokens > M maximum", 429 + retry headers, …)
/// timeout              504 timeout_error      retried by Claude Code
/// cannot connect       529 overloaded_error   retried by Claude Code (as for an upstream 502/503); names the host
/// no Entra ID token    401 authentication_error  says how to sign in (az login, AZURE_OPENAI_AD_TOKEN, a key)
/// </code>
/// </summary>
internal static class UpstreamErrors
{
    public static AnthropicError ToAnthropic(UpstreamCall call, string deployment, ProviderProfile profile, TimeSpan requestTimeout) => call.Failure switch
    {
        UpstreamFailure.HttpStatus => WithResponsesVersionHint(UpstreamErrorMapper.Map(call.ErrorStatus, call.ErrorBody, deployment), call, profile),
        UpstreamFailure.Timeout => TimedOut(requestTimeout),
        UpstreamFailure.Credential => new AnthropicError(AnthropicErrorType.Authentication, call.Exception!.Message),
        _ => Unreachable(profile.EndpointHost, call.Exception),
    };

    /// <summary>
    /// Azure serves <c>/openai/responses</c> only from api-version 2025-03-01-preview on; older dated versions answer a
    /// bare 404 "Resource not found", which says nothing about the cause.
    /// </summary>
    private static AnthropicError WithResponsesVersionHint(AnthropicError error, UpstreamCall call, ProviderProfile profile) =>
        call.Api == ApiStyle.Responses && profile.UsesDeploymentUrls && error.Type == AnthropicErrorType.NotFound
            && error.Message.StartsWith("Resource not found", StringComparison.Ordinal)
            ? error with
            {
                Message = $"{error.Message} The Responses API on Azure needs AZURE_API_VERSION=v1 (or a dated version from 2025-03-01-preview on); " +
                    $"AZURE_API_VERSION is {profile.ApiVersion}.",
            }
            : error;

    public static AnthropicError TimedOut(TimeSpan requestTimeout) =>
        new(AnthropicErrorType.Timeout, $"the upstream did not answer within REQUEST_TIMEOUT={(int)requestTimeout.TotalSeconds}s");

    public static AnthropicError Unreachable(string upstreamHost, Exception? exception) =>
        new(AnthropicErrorType.Overloaded, $"could not reach the upstream {upstreamHost}: {Reason(exception)}");

    public static AnthropicError LostMidStream(string upstreamHost, Exception? exception) =>
        new(AnthropicErrorType.Api, $"the connection to the upstream {upstreamHost} was lost mid-stream: {Reason(exception)}");

    /// <summary>The innermost socket or HTTP reason ("Connection refused", "Name or service not known"), never a stack trace.</summary>
    private static string Reason(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is SocketException socket) return socket.Message;
        return exception?.Message ?? "unknown error";
    }
}
