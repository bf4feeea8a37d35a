using System.Diagnostics;
using System.Text.Json;
using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Proxy.Upstream;
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
/// 3. UpstreamClient: translate for the deployment's API, send → UpstreamSuccess or UpstreamFailure
/// 4. failure                                           → UpstreamErrors: the mapped HTTP error, retry headers on 429
/// 5. success: stream → StreamRelay with the API's stream translator; otherwise the API translates the whole answer
/// </code>
/// </summary>
internal sealed class MessagesEndpoint(ProxyState state, IHttpClientFactory httpClients, ILogger<MessagesEndpoint> logger)
{
    private static readonly KeyValuePair<string, string>[] DoNotRetry = [new("x-should-retry", "false")];

    private readonly UpstreamClient? _upstream = state.Profile is { } profile
        ? new UpstreamClient(httpClients.CreateClient(UpstreamHttp.ClientName), profile, state.Options!, state.ApiStyles, state.LearnedLimits,
            state.Settings.RequestTimeout, logger)
        : null;

    public async Task HandleAsync(HttpContext context)
    {
        // Step 1
        if (await RequestBodyReader.ReadAsync(context, state.Capture) is not { } request) return;
        var entry = RequestLogEntry.Of(context);
        LogUnknownShapes(context, request, entry.RequestId);
        request.SessionId = HeaderOrNull(context, "X-Claude-Code-Session-Id");
        request.AgentId = HeaderOrNull(context, "x-claude-code-agent-id");
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
        using var result = await _upstream!.SendAsync(request, deployment, context.RequestAborted);
        entry.UpstreamLatency = result.Latency;

        // Steps 4 and 5
        switch (result)
        {
            case UpstreamFailure failure:
                await FailAsync(context, failure, deployment);
                break;
            case UpstreamSuccess answer when inputCount is not null && NotAnEventStream(answer) is { } contentType:
                await WriteUnusableAsync(context, $"it answered 200 with {contentType} instead of an event stream");
                break;
            case UpstreamSuccess answer when inputCount is not null:
                var translator = answer.Api.StreamTranslator(Ids.NewMessageId(), requestedModel, answer.Sent.ToolNames, InputTokensNow(inputCount, request));
                await new StreamRelay(answer, translator, context, state, logger).RunAsync();
                break;
            case UpstreamSuccess answer:
                await RespondWholeAsync(context, answer, requestedModel, deployment);
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
    /// The deployment the request goes to, or null when the provider or the tier's deployment is not configured. A
    /// subagent's request (Claude Code 2.1.139+ sends <c>x-claude-code-agent-id</c>) goes to <c>SUBAGENT_TIER</c> when set.
    /// </summary>
    private string? Route(string requestedModel, string? agentId)
    {
        if (state.MissingEndpoint is not null || _upstream is null) return null;
        return agentId is not null && ClaudeModelPicker.SubagentDeployment(state.Settings) is { } subagents ? subagents : state.Router.Route(requestedModel);
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

    private async Task FailAsync(HttpContext context, UpstreamFailure failure, string deployment)
    {
        var entry = RequestLogEntry.Of(context);
        if (failure.Kind == UpstreamFailureKind.ClientAborted)
        {
            entry.ClientAborted = true;
            ProxyLog.ClientAborted(logger, entry.RequestId);
            return;
        }
        var error = UpstreamErrors.ToAnthropic(failure, deployment, state.Profile!);
        if (failure.Kind != UpstreamFailureKind.Untranslatable)
            ProxyLog.UpstreamFailed(logger, entry.RequestId, failure.Kind.ToString(),
                failure.Kind == UpstreamFailureKind.HttpStatus ? $"HTTP {failure.Status}" : error.Message);
        await AnthropicErrors.WriteAsync(context, error, error.HttpStatus == StatusCodes.Status429TooManyRequests ? failure.RetryHeaders : null);
    }

    private async Task RespondWholeAsync(HttpContext context, UpstreamSuccess answer, string requestedModel, string deployment)
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
            await FailAsync(context, failure, deployment);
            return;
        }

        byte[] message;
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
        RecordUsage(RequestLogEntry.Of(context), message);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = message.Length;
        await context.Response.Body.WriteAsync(message, context.RequestAborted);
    }

    /// <summary>
    /// Reads <c>usage</c> of the translated message for the request log: a forward scan that skips every other
    /// top-level value, with no document built.
    /// </summary>
    private static void RecordUsage(RequestLogEntry entry, byte[] message)
    {
        var reader = new Utf8JsonReader(message);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isUsage = reader.ValueTextEquals("usage"u8);
            reader.Read();
            if (!isUsage || reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = reader.ValueTextEquals("input_tokens"u8) ? 1 : reader.ValueTextEquals("output_tokens"u8) ? 2 : 0;
                reader.Read();
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var tokens)) reader.Skip();
                else if (field == 1) entry.InputTokens = tokens;
                else if (field == 2) entry.OutputTokens = tokens;
            }
            return;
        }
    }
}
