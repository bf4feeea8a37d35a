using System.Diagnostics;
using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Proxy.Upstream;
using AzureOpenAI.Translation;
using AzureOpenAI.Proxy.Telemetry;
using AzureOpenAI.Proxy.Upstream.Pools;
using AzureOpenAI.Proxy.Usage;
using AzureOpenAI.Translation.Anthropic;
using AzureOpenAI.Translation.Mapping;
using AzureOpenAI.Translation.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using AzureOpenAI.Translation.Answers;

namespace AzureOpenAI.Proxy.Server;

/// <summary>
/// <c>POST /v1/messages</c> (the query string, e.g. <c>?beta=true</c>, is ignored), as a pipeline:
/// <code>
/// 1. parse the body once                               → 400 naming the field / 413
/// 2. provider configured? model routed?                → 400 saying what to set (not retried by Claude Code)
/// 3. PooledUpstreamClient: the route's backends in turn, each through UpstreamClient → UpstreamSuccess or UpstreamFailure
/// 4. failure                                           → UpstreamErrors: the mapped HTTP error, retry headers on 429
/// 5. success: stream → StreamRelay with the API's stream translator; otherwise the API translates the whole answer
/// </code>
/// </summary>
internal sealed class MessagesEndpoint(ProxyState state, IHttpClientFactory httpClients, ILogger<MessagesEndpoint> logger)
{
    private static readonly KeyValuePair<string, string>[] DoNotRetry = [new("x-should-retry", "false")];

    private readonly PooledUpstreamClient? _upstream = state.Profile is null ? null
        : state.CreateUpstream(httpClients.CreateClient(UpstreamHttp.ClientName), logger);

    public async Task HandleAsync(HttpContext context)
    {
        // Step 1
        if (await RequestBodyReader.ReadAsync(context, state.Capture) is not { } request) return;
        var entry = RequestLogEntry.Of(context);
        LogUnknownShapes(context, request, entry.RequestId);
        request.SessionId = HeaderOrNull(context, ClaudeCodeHeaders.SessionId);
        request.AgentId = HeaderOrNull(context, ClaudeCodeHeaders.AgentId);
        if (RequestValidation.MissingModel(request) is { } invalid)
        {
            await AnthropicErrors.WriteAsync(context, invalid);
            return;
        }
        var requestedModel = entry.RequestedModel = request.Model!; // present: validated above

        // Step 2
        if (Route(requestedModel, request.AgentId) is not { } deployment)
        {
            await AnthropicErrors.WriteAsync(context,
                new AnthropicError(AnthropicErrorType.InvalidRequest, state.MissingEndpoint ?? ProviderSetup.MissingDeployment(requestedModel)), DoNotRetry);
            return;
        }
        entry.Deployment = deployment;

        // Step 3: the input-token estimate for message_start is counted while the upstream thinks (memoized: a new
        // turn counts only what is new).
        var inputCount = request.Stream == true ? Task.Run(() => TokenCounter.CountInputTokens(request, deployment)) : null;
        try
        {
            await SendAndAnswerAsync(context, request, requestedModel, deployment, inputCount);
        }
        finally
        {
            // The request's JsonElements point into the body, which is returned to its pool when the request ends.
            if (inputCount is not null) await ((Task)inputCount).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task SendAndAnswerAsync(HttpContext context, MessagesRequest request, string requestedModel, string deployment, Task<int>? inputCount)
    {
        var entry = RequestLogEntry.Of(context);
        var trace = new BackendTrace();
        using var result = await _upstream!.SendAsync(request, deployment, request.SessionId, trace, context.RequestAborted);
        entry.UpstreamLatency = result.Latency;
        entry.Api = result.Api.Name;
        entry.Deployment = trace.Last?.Deployment ?? deployment;
        (entry.Backend, entry.Failover) = (trace.Last?.Name, trace.Failover);
        foreach (var leftBehind in trace.LeftBehind) ProxyMetrics.RecordFailover(leftBehind.Deployment, ModelTiers.Of(requestedModel));

        // Steps 4 and 5
        switch (result)
        {
            case UpstreamFailure failure:
                await FailAsync(context, failure, trace.Last);
                break;
            case UpstreamSuccess answer when inputCount is not null && NotAnEventStream(answer) is { } contentType:
                await WriteUnusableAsync(context, $"it answered 200 with {contentType} instead of an event stream");
                break;
            case UpstreamSuccess answer when inputCount is not null:
                entry.Streamed = true;
                var translator = answer.Api.StreamTranslator(Ids.NewMessageId(), requestedModel, answer.Sent.ToolNames, InputTokensNow(inputCount, request));
                await new StreamRelay(answer, translator, context, state, logger).RunAsync();
                break;
            case UpstreamSuccess answer:
                await RespondWholeAsync(context, answer, requestedModel, trace.Last);
                break;
        }
    }

    private static string? HeaderOrNull(HttpContext context, string name) =>
        context.Request.Headers[name].ToString() is { Length: > 0 } value ? value : null;

    private void LogUnknownShapes(HttpContext context, MessagesRequest request, string requestId)
    {
        if (!logger.IsEnabled(LogLevel.Debug)) return;
        foreach (var shape in ShapeSurvey.Unknowns(request, context.Request.Headers["anthropic-beta"].ToString()))
            ProxyLog.UnknownShape(logger, requestId, shape.ToString());
    }

    /// <summary>
    /// The count if it is done, else the size estimate: the first byte never waits for counting, and the upstream's
    /// real usage follows in <c>message_delta</c> anyway.
    /// </summary>
    private static int InputTokensNow(Task<int> counting, MessagesRequest request) =>
        counting.IsCompletedSuccessfully ? counting.Result : TokenCounter.EstimateFromSize(request);

    /// <summary>
    /// The route (a deployment, or a pools.json tier) of the request, or null when no backend serves it. A subagent's
    /// request (Claude Code 2.1.139+ sends <c>x-claude-code-agent-id</c>) goes to <c>SUBAGENT_TIER</c> when set.
    /// </summary>
    private string? Route(string requestedModel, string? agentId)
    {
        if (_upstream is null) return null;
        var route = agentId is not null && ClaudeModelPicker.SubagentDeployment(state.Settings) is { } subagents ? subagents : state.Router.Route(requestedModel);
        return route is not null && state.Pools.For(route) is not null ? route : null;
    }

    /// <summary>The content type of a streamed answer that is not SSE (a gateway's HTML page), or null when it is SSE or unnamed.</summary>
    private static string? NotAnEventStream(UpstreamSuccess answer) =>
        answer.Response.Content.Headers.ContentType?.MediaType is { } type && !type.Equals("text/event-stream", StringComparison.OrdinalIgnoreCase)
            ? type
            : null;

    private async Task WriteUnusableAsync(HttpContext context, string reason)
    {
        var error = UpstreamErrors.Unusable(state.Profile!, reason);
        ProxyLog.UpstreamFailed(logger, RequestLogEntry.Of(context).RequestId, error.Type.WireName(), error.Message);
        await AnthropicErrors.WriteAsync(context, error);
    }

    private async Task FailAsync(HttpContext context, UpstreamFailure failure, Backend? backend)
    {
        var entry = RequestLogEntry.Of(context);
        if (failure.Kind == UpstreamFailureKind.ClientAborted)
        {
            entry.ClientAborted = true;
            ProxyLog.ClientAborted(logger, entry.RequestId);
            return;
        }
        var error = UpstreamErrors.ToAnthropic(failure, backend?.Deployment ?? entry.Deployment ?? "", backend?.Profile ?? state.Profile!);
        if (failure.Kind != UpstreamFailureKind.Untranslatable)
            ProxyLog.UpstreamFailed(logger, entry.RequestId, failure.Kind.ToString(),
                failure.Kind == UpstreamFailureKind.HttpStatus ? $"HTTP {failure.Status}" : error.Message);
        await AnthropicErrors.WriteAsync(context, error, error.HttpStatus == StatusCodes.Status429TooManyRequests ? failure.RetryHeaders : null);
    }

    private async Task RespondWholeAsync(HttpContext context, UpstreamSuccess answer, string requestedModel, Backend? backend)
    {
        byte[] upstreamBody;
        var reading = Stopwatch.GetTimestamp();
        try
        {
            upstreamBody = await answer.Response.Content.ReadAsByteArrayAsync(answer.Deadline.Token);
            RequestLogEntry.Of(context).UpstreamLatency += Stopwatch.GetElapsedTime(reading); // a whole answer's upstream time ends with its body
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException)
        {
            using var failure = answer.FailedReading(ex);
            await FailAsync(context, failure, backend);
            return;
        }

        TranslatedMessage message;
        try
        {
            message = answer.Api.ToMessage(upstreamBody, Ids.NewMessageId(), requestedModel, answer.Sent.ToolNames);
        }
        catch (UnusableAnswerException ex)
        {
            await WriteUnusableAsync(context, ex.Reason);
            return;
        }
        catch (AnthropicRequestException ex)
        {
            ProxyLog.UpstreamFailed(logger, RequestLogEntry.Of(context).RequestId, ex.Error.Type.WireName(), ex.Error.Message);
            await AnthropicErrors.WriteAsync(context, ex.Error);
            return;
        }
        RequestLogEntry.Of(context).Usage = message.Usage;
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = message.Json.Length;
        await context.Response.Body.WriteAsync(message.Json, context.RequestAborted);
    }
}
