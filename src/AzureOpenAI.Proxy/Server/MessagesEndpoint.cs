using System.Text.Json;
using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Proxy.Upstream;
using AzureOpenAI.Translation.Anthropic;
using AzureOpenAI.Translation.Mapping;
using AzureOpenAI.Translation.Streaming;
using AzureOpenAI.Translation.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AzureOpenAI.Proxy.Server;

/// <summary>
/// <c>POST /v1/messages</c> (the query string, e.g. <c>?beta=true</c>, is ignored):
/// <code>
/// 1. parse the body once                         → 400 naming the field / 413
/// 2. provider configured? model routed?          → 400 saying what to set (not retried by Claude Code)
/// 3. translate and send (UpstreamClient: Chat or Responses per deployment) → 400 for an untranslatable request
/// 4. upstream failed before any byte             → mapped HTTP error (UpstreamErrors), retry headers on 429
/// 5. stream: StreamRelay with the API's stream translator; otherwise translate the whole JSON answer
///    (an error inside a 200 answer, e.g. a failed response, becomes the mapped HTTP error)
/// </code>
/// </summary>
internal sealed class MessagesEndpoint(ProxyState state, IHttpClientFactory httpClients, ILogger<MessagesEndpoint> logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        // Step 1
        if (await RequestBodyReader.ReadAsync(context) is not { } request) return;
        var entry = RequestLogEntry.Of(context);
        if (string.IsNullOrEmpty(request.Model))
        {
            await AnthropicErrors.WriteAsync(context, AnthropicErrorType.InvalidRequest, "model: field required");
            return;
        }
        entry.RequestedModel = request.Model;

        // Step 2
        if (state.MissingEndpoint is { } missing || state.Profile is null || state.Options is null)
        {
            await AnthropicErrors.WriteAsync(context, new AnthropicError(AnthropicErrorType.InvalidRequest, state.MissingEndpoint ?? "no provider"),
                [new("x-should-retry", "false")]);
            return;
        }
        if (state.Router.Route(request.Model) is not { } deployment)
        {
            await AnthropicErrors.WriteAsync(context, new AnthropicError(AnthropicErrorType.InvalidRequest, ProviderSetup.MissingDeployment(request.Model)),
                [new("x-should-retry", "false")]);
            return;
        }
        entry.Deployment = deployment;

        // Step 3: the input-token estimate for message_start is counted while the upstream thinks.
        var streaming = request.Stream == true;
        var inputEstimate = streaming ? Task.Run(() => TokenCounter.CountInputTokens(request, deployment)) : Task.FromResult(0);
        var client = new UpstreamClient(httpClients.CreateClient(UpstreamHttp.ClientName), state.Profile, state.Options,
            state.ApiStyles, state.LearnedLimits, state.Settings.RequestTimeout, logger);
        UpstreamCall call;
        try
        {
            call = await client.SendAsync(request, deployment, context.RequestAborted);
        }
        catch (AnthropicRequestException ex)
        {
            await AnthropicErrors.WriteAsync(context, ex.Error);
            return;
        }

        using (call)
        {
            entry.UpstreamLatency = call.Latency;
            // Step 4
            if (call.Failure == UpstreamFailure.ClientAborted)
            {
                entry.ClientAborted = true;
                ProxyLog.ClientAborted(logger, entry.RequestId);
                return;
            }
            if (call.Failure != UpstreamFailure.None)
            {
                await WriteUpstreamErrorAsync(context, call, deployment);
                return;
            }

            // Step 5
            var messageId = Ids.NewMessageId();
            if (streaming)
            {
                var toolNames = call.Translation.ToolNames;
                IAnthropicStreamTranslator translator = call.Api == ApiStyle.Responses
                    ? new ResponsesStreamTranslator(messageId, request.Model, toolNames, await inputEstimate)
                    : new ChatStreamTranslator(messageId, request.Model, toolNames, await inputEstimate);
                await new StreamRelay(call, translator, context, state, logger).RunAsync();
            }
            else
                await RespondWholeAsync(context, call, messageId, request.Model, deployment);
        }
    }

    private async Task WriteUpstreamErrorAsync(HttpContext context, UpstreamCall call, string deployment)
    {
        var error = UpstreamErrors.ToAnthropic(call, deployment, state.Profile!, state.Settings.RequestTimeout);
        var detail = call.Failure == UpstreamFailure.HttpStatus ? $"HTTP {call.ErrorStatus}" : error.Message;
        ProxyLog.UpstreamFailed(logger, RequestLogEntry.Of(context).RequestId, call.Failure.ToString(), detail);
        var headers = error.HttpStatus == StatusCodes.Status429TooManyRequests ? call.RetryHeaders : null;
        await AnthropicErrors.WriteAsync(context, error, headers);
    }

    private async Task RespondWholeAsync(HttpContext context, UpstreamCall call, string messageId, string requestedModel, string deployment)
    {
        byte[] upstreamBody;
        try
        {
            upstreamBody = await call.Response!.Content.ReadAsByteArrayAsync(call.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException)
        {
            call.Failure = UpstreamClient.Classify(ex, call);
            call.Exception = ex;
            if (call.Failure == UpstreamFailure.ClientAborted)
            {
                RequestLogEntry.Of(context).ClientAborted = true;
                return;
            }
            await WriteUpstreamErrorAsync(context, call, deployment);
            return;
        }

        byte[] message;
        try
        {
            message = call.Api == ApiStyle.Responses
                ? ResponsesResponseTranslator.ToMessagesResponse(upstreamBody, messageId, requestedModel, call.Translation.ToolNames)
                : ChatResponseTranslator.ToMessagesResponse(upstreamBody, messageId, requestedModel, call.Translation.ToolNames);
        }
        catch (AnthropicRequestException ex)
        {
            ProxyLog.UpstreamFailed(logger, RequestLogEntry.Of(context).RequestId, ex.Error.Type.WireName(), ex.Error.Message);
            await AnthropicErrors.WriteAsync(context, ex.Error);
            return;
        }
        RecordUsage(RequestLogEntry.Of(context), message);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = message.Length;
        await context.Response.Body.WriteAsync(message, context.RequestAborted);
    }

    /// <summary>Reads <c>usage</c> of the translated message for the request log.</summary>
    private static void RecordUsage(RequestLogEntry entry, byte[] message)
    {
        using var document = JsonDocument.Parse(message);
        if (!document.RootElement.TryGetProperty("usage", out var usage)) return;
        if (usage.TryGetProperty("input_tokens", out var input) && input.TryGetInt32(out var i)) entry.InputTokens = i;
        if (usage.TryGetProperty("output_tokens", out var output) && output.TryGetInt32(out var o)) entry.OutputTokens = o;
    }
}
