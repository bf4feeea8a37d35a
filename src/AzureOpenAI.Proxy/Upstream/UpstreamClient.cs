using System.Diagnostics;
using System.Net.Http.Headers;
using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Proxy.Upstream.Pools;
using AzureOpenAI.Translation.Anthropic;
using AzureOpenAI.Translation.Mapping;
using Microsoft.Extensions.Logging;
using AzureOpenAI.Translation.Errors;

namespace AzureOpenAI.Proxy.Upstream;

/// <summary>
/// Sends a Messages request to one backend (its endpoint, credential and API style; <see cref="PooledUpstreamClient"/>
/// chooses it) and returns how that ended:
/// <code>
/// 1. the backend's API strategy (DeploymentApiStyles) and options (output reservation, reasoning rules, model in body)
/// 2. api.Translate → body (an untranslatable request is a failure, nothing is sent)
/// 3. POST to api.Url with ResponseHeadersRead; REQUEST_TIMEOUT and the client's abort cancel it (UpstreamDeadline)
/// 4. refused because the deployment is served only by the Responses API (API_STYLE=auto) → remember, resend there once
/// 5. 400 "supports at most N completion tokens" → remember N, rebuild, resend once
/// 5b. 400 "Invalid value: 'file'" → remember the deployment takes no PDFs, resend once with their text
/// 6. a non-success status → a failure with the body and retry headers, for UpstreamErrors
/// </code>
/// Every resend happens before any byte reached the client. Retries of connection failures and 502/503/504 (MAX_RETRIES)
/// and the Entra ID token are the HttpClient's handler pipeline (<see cref="UpstreamHttp"/>), not here; a request the
/// pool could move to another backend is marked so that its 503s and lost connections are not retried there.
/// </summary>
internal sealed class UpstreamClient(HttpClient http, DeploymentOptionsFactory options, LearnedOutputLimits learned, TimeSpan requestTimeout,
    ILogger logger)
{
    private const int MaxErrorBodyBytes = 1 << 20;

    /// <summary>Translates and sends <paramref name="request"/> to <paramref name="backend"/>; the caller disposes the result.</summary>
    /// <param name="failoverAvailable">Another backend could take the request: no same-backend retry of what fails over.</param>
    public async Task<UpstreamResult> SendAsync(MessagesRequest request, Backend backend, PromptMeasure prompt, CancellationToken clientAborted,
        bool failoverAvailable = false)
    {
        var deployment = backend.Deployment;
        var deadline = new UpstreamDeadline(clientAborted, requestTimeout);
        var api = backend.Api;
        var result = await TranslateAndSendAsync(api, request, backend, prompt, deadline, failoverAvailable).ConfigureAwait(false);
        if (result is not UpstreamFailure { Kind: UpstreamFailureKind.HttpStatus } failure) return result;

        if (api.IsServedElsewhere(failure) && backend.ApiStyles.SwitchToResponses(deployment))
        {
            UpstreamLog.SwitchedToResponses(logger, deployment);
            return await TranslateAndSendAsync(backend.Api, request, backend, prompt, deadline, failoverAvailable).ConfigureAwait(false);
        }
        if (failure.Status == 400 && UpstreamErrorMapper.TryParseMaxTokensLimit(failure.Body, out var limit))
        {
            learned.Remember(deployment, limit);
            UpstreamLog.LearnedLimit(logger, deployment, limit);
            return await TranslateAndSendAsync(api, request, backend, prompt, deadline, failoverAvailable).ConfigureAwait(false);
        }
        // A deployment without file parts (an unknown dated api-version): remember it, resend with each PDF as its text.
        if (LearnedFileSupport.IsFileRefusal(failure.Status, failure.Body) && options.FileSupport.Remember(deployment))
        {
            UpstreamLog.LearnedNoFileParts(logger, deployment);
            return await TranslateAndSendAsync(api, request, backend, prompt, deadline, failoverAvailable).ConfigureAwait(false);
        }
        return result;
    }

    private async Task<UpstreamResult> TranslateAndSendAsync(IUpstreamApi api, MessagesRequest request, Backend backend, PromptMeasure prompt,
        UpstreamDeadline deadline, bool failoverAvailable)
    {
        UpstreamRequest body;
        try
        {
            body = api.Translate(request, options.For(backend, prompt));
        }
        catch (AnthropicRequestException ex)
        {
            return new UpstreamFailure(UpstreamFailureKind.Untranslatable, api, deadline, TimeSpan.Zero) { TranslationError = ex.Error };
        }
        return await SendAsync(api, body, backend, deadline, failoverAvailable).ConfigureAwait(false);
    }

    private async Task<UpstreamResult> SendAsync(IUpstreamApi api, UpstreamRequest body, Backend backend, UpstreamDeadline deadline, bool failoverAvailable)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, api.Url(backend.Profile, backend.Deployment)) { Content = new ReadOnlyMemoryContent(body.Body) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        backend.Prepare(message, api);
        if (failoverAvailable) message.Options.Set(UpstreamRetry.FailoverAvailable, true);

        var started = Stopwatch.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or UpstreamCredentialException)
        {
            return new UpstreamFailure(deadline.Classify(ex), api, deadline, Stopwatch.GetElapsedTime(started)) { Exception = ex };
        }
        var latency = Stopwatch.GetElapsedTime(started);
        if (response.IsSuccessStatusCode) return new UpstreamSuccess(api, body, response, deadline, latency);

        using (response)
        {
            return new UpstreamFailure(UpstreamFailureKind.HttpStatus, api, deadline, latency)
            {
                Status = (int)response.StatusCode,
                RetryHeaders = RetryHeaders(response),
                Body = await ReadBoundedAsync(response.Content, deadline.Token).ConfigureAwait(false),
            };
        }
    }

    private static List<KeyValuePair<string, string>> RetryHeaders(HttpResponseMessage response)
    {
        var headers = new List<KeyValuePair<string, string>>(2);
        foreach (var name in (string[])["retry-after", "retry-after-ms"])
            if (response.Headers.TryGetValues(name, out var values)) headers.Add(new(name, string.Join(",", values)));
        return headers;
    }

    /// <summary>Up to 1 MiB of an error body; what could not be read is left out (the status still explains the failure).</summary>
    private static async Task<byte[]> ReadBoundedAsync(HttpContent content, CancellationToken token)
    {
        using var buffer = new MemoryStream();
        try
        {
            var stream = await content.ReadAsStreamAsync(token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var chunk = new byte[16 * 1024];
                int read;
                while (buffer.Length < MaxErrorBodyBytes && (read = await stream.ReadAsync(chunk, token).ConfigureAwait(false)) > 0)
                    buffer.Write(chunk, 0, read);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or IOException)
        {
            // Keep what arrived.
        }
        return buffer.ToArray();
    }
}
