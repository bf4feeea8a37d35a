using System.Diagnostics;
using System.Net.Http.Headers;
using AzureOpenAI.Translation.Anthropic;
using AzureOpenAI.Translation.Mapping;
using Microsoft.Extensions.Logging;

namespace AzureOpenAI.Proxy.Upstream;

/// <summary>
/// Sends a translated request to the provider:
/// <code>
/// 1. the deployment's API (DeploymentApiStyles) and options (max_tokens clamp, reasoning rules, model in body or not)
/// 2. map (ChatCompletionsRequestMapper or ResponsesRequestMapper) → body
/// 3. POST with ResponseHeadersRead; REQUEST_TIMEOUT and the client's abort cancel it
/// 4. Chat refused with OperationNotSupported (API_STYLE=auto) → remember Responses for the deployment, resend once there
/// 5. Chat 400 "supports at most N completion tokens" → remember N, rebuild, resend once
/// 6. a non-success status → body and retry headers kept for the error mapper
/// </code>
/// Both resends happen before any byte reached the client. Retries of connection failures and 502/503/504 (MAX_RETRIES)
/// and the Entra ID token are the named HttpClient's handler pipeline (<see cref="UpstreamHttp"/>), not here.
/// </summary>
internal sealed class UpstreamClient(HttpClient http, ProviderProfile profile, TranslationOptionsFactory options,
    DeploymentApiStyles apiStyles, LearnedOutputLimits learned, TimeSpan requestTimeout, ILogger logger)
{
    private const int MaxErrorBodyBytes = 1 << 20;

    /// <summary>
    /// Translates and sends <paramref name="request"/>. Throws <see cref="AnthropicRequestException"/> when the request cannot
    /// be translated; every upstream outcome is reported in the returned call, which the caller disposes.
    /// </summary>
    public async Task<UpstreamCall> SendAsync(MessagesRequest request, string deployment, CancellationToken clientAborted)
    {
        var api = apiStyles.For(deployment);
        var translation = Translate(request, deployment, api);
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(clientAborted);
        var call = new UpstreamCall(timeout, clientAborted, requestTimeout, api, translation);
        call.ResetTimeout();
        try
        {
            await SendOnceAsync(call, deployment).ConfigureAwait(false);
            if (call is not { Api: ApiStyle.Chat, Failure: UpstreamFailure.HttpStatus }) return call;
            if (UpstreamErrorMapper.IsChatOperationNotSupported(call.ErrorStatus, call.ErrorBody) && apiStyles.SwitchToResponses(deployment))
            {
                Server.ProxyLog.SwitchedToResponses(logger, deployment);
                call.Api = ApiStyle.Responses;
                call.Translation = Translate(request, deployment, ApiStyle.Responses);
                await SendOnceAsync(call, deployment).ConfigureAwait(false);
            }
            else if (call.ErrorStatus == 400 && UpstreamErrorMapper.TryParseMaxTokensLimit(call.ErrorBody, out var limit))
            {
                learned.Remember(deployment, limit);
                Server.ProxyLog.LearnedLimit(logger, deployment, limit);
                call.Translation = Translate(request, deployment, ApiStyle.Chat);
                await SendOnceAsync(call, deployment).ConfigureAwait(false);
            }
            return call;
        }
        catch
        {
            call.Dispose();
            throw;
        }
    }

    private UpstreamRequest Translate(MessagesRequest request, string deployment, ApiStyle api) => api == ApiStyle.Responses
        ? ResponsesRequestMapper.Build(request, options.For(deployment))
        : ChatCompletionsRequestMapper.Build(request, options.For(deployment));

    private async Task SendOnceAsync(UpstreamCall call, string deployment)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post,
            call.Api == ApiStyle.Responses ? profile.ResponsesUrl() : profile.ChatCompletionsUrl(deployment))
        {
            Content = new ReadOnlyMemoryContent(call.Translation.Body),
        };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        profile.Authenticate(message);

        var started = Stopwatch.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, call.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or UpstreamCredentialException)
        {
            call.Latency = Stopwatch.GetElapsedTime(started);
            call.Exception = ex;
            call.Failure = ex is UpstreamCredentialException && !call.ClientAborted ? UpstreamFailure.Credential : Classify(ex, call);
            return;
        }
        call.Latency = Stopwatch.GetElapsedTime(started);

        if (response.IsSuccessStatusCode)
        {
            call.Response = response;
            call.Failure = UpstreamFailure.None;
            return;
        }
        using (response)
        {
            call.Failure = UpstreamFailure.HttpStatus;
            call.ErrorStatus = (int)response.StatusCode;
            call.RetryHeaders = RetryHeaders(response);
            try
            {
                call.ErrorBody = await ReadBoundedAsync(response.Content, call.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or IOException)
            {
                call.ErrorBody = [];
            }
        }
    }

    public static UpstreamFailure Classify(Exception ex, UpstreamCall call) => ex switch
    {
        OperationCanceledException when call.ClientAborted => UpstreamFailure.ClientAborted,
        OperationCanceledException => UpstreamFailure.Timeout,
        _ when call.ClientAborted => UpstreamFailure.ClientAborted,
        _ => UpstreamFailure.ConnectionFailed,
    };

    private static List<KeyValuePair<string, string>> RetryHeaders(HttpResponseMessage response)
    {
        var headers = new List<KeyValuePair<string, string>>(2);
        foreach (var name in (string[])["retry-after", "retry-after-ms"])
            if (response.Headers.TryGetValues(name, out var values)) headers.Add(new(name, string.Join(",", values)));
        return headers;
    }

    private static async Task<byte[]> ReadBoundedAsync(HttpContent content, CancellationToken token)
    {
        var stream = await content.ReadAsStreamAsync(token).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while (buffer.Length < MaxErrorBodyBytes && (read = await stream.ReadAsync(chunk, token).ConfigureAwait(false)) > 0)
                buffer.Write(chunk, 0, read);
            return buffer.ToArray();
        }
    }
}
