// Strict fake Azure OpenAI / OpenAI-compatible Chat Completions upstream, on real Kestrel (127.0.0.1, port 0).
//
// URLs it serves (POST only):
//   /openai/deployments/{deployment}/chat/completions?api-version=V   Azure deployment style: `api-key` header
//                                                                     (or `Authorization: Bearer <EntraToken>`); body `model` ignored
//   /openai/v1/chat/completions                                       Azure v1: `api-key` or Bearer; body `model` = deployment
//   {any base}/chat/completions (e.g. /v1/chat/completions)           OpenAI-compatible: Bearer; body `model` = model
//   /openai/v1/responses                                              Responses, Azure v1: as v1 chat
//   /openai/responses?api-version=V                                   Responses, Azure dated (V >= Options.ResponsesMinimumApiVersion,
//                                                                     else 404): auth as deployment URLs; body `model` = deployment
//   {any base}/responses (e.g. /v1/responses)                         Responses, OpenAI-compatible
//
// Responses bodies get StrictResponsesRules (unknown parameter, max_output_tokens < 16, call_id over 64 chars, unpaired
// function_call / function_call_output, reasoning or sampling parameters the model rejects, the OpenAI spec's
// CreateResponse) instead of the chat rules below; a chat request for a Responses-only model
// (Options.ResponsesOnlyModelPrefixes) gets Azure's 400 OperationNotSupported.
//
// What it rejects, in this order, with the real services' status and error shape (PROTOCOL.md §2–3):
//   404 Azure {"code":"404","message":"Resource not found"}       another path; a deployment URL without api-version
//   401 Azure {"code":"401",…} / OpenAI invalid_api_key           a missing or wrong key (Bearer on deployment URLs only with EntraToken)
//   400 Azure {"code":"BadRequest","message":"API version not supported"}   an api-version not in Options.ApiVersions
//   400 "We could not parse the JSON body of your request…"       a body that is not a JSON object
//   404 DeploymentNotFound (Azure) / model_not_found (OpenAI)    an unknown deployment or model
//   400 "Unrecognized request argument supplied: X"               a top-level field not in the OpenAI spec's
//                                                                 CreateChatCompletionRequest; on deployment URLs also a field
//                                                                 newer than the api-version (Options.ParameterMinimumApiVersion;
//                                                                 stream_options is accepted on 2024-10-21 on purpose, see there)
//   400 invalid_value  messages[i].role                           a role other than system/developer/user/assistant/tool/function
//                                                                 (system after the first user message is fine, as on OpenAI)
//   400 array_above_max_length  stop                              more than 4 stop entries
//   400 string_above_max_length / invalid_value  tools[i].function.name (and assistant tool_calls names)
//                                                                 over 64 chars or not ^[a-zA-Z0-9_-]{1,64}$
//   400 string_above_max_length  messages[i].tool_calls[j].id / tool_call_id   an id over 40 chars
//   400 invalid_value  messages[i].content[j].type                a non-text part (image_url, …) in a tool message
//   400 "…must be followed by tool messages responding to each 'tool_call_id'…"   an orphan tool_call (not answered
//                                                                 before the next non-tool message or the end)
//   400 "…messages with role 'tool' must be a response to a preceeding message with 'tool_calls'."   a tool message
//                                                                 answering no call of the assistant message just before
//   400 unsupported_parameter  max_tokens                         max_tokens on a reasoning model (Options.ReasoningModelPrefixes:
//                                                                 o1, o3, o4, gpt-5, matched on the deployment's Model)
//   400 unsupported_value  temperature / top_p                    a value other than 1 on a reasoning model
//   400 invalid_value  max_tokens / max_completion_tokens         above the deployment's MaxCompletionTokens, worded as OpenAI:
//                                                                 "max_tokens is too large: N. This model supports at most M
//                                                                 completion tokens, whereas you provided N."
//   400 invalid_value  <param>                                    anything else the OpenAI spec's CreateChatCompletionRequest
//                                                                 rejects; on deployment URLs also the Azure 2024-10-21 spec's
//                                                                 createChatCompletionRequest
// On Azure URLs, x-ms-spillover-deployment is checked as SpilloverRules documents (400 when it breaks a rule, on
// Responses always); with a valid one, a scripted non-200 answer is served by the spillover deployment instead.
// Rejections consume no scripted response. A request that passes gets the next FakeResponse enqueued, or by default a
// short text answer ("Hello from the fake upstream."), streamed when the body says `stream: true`.
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AzureOpenAI.TestSupport.Specs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AzureOpenAI.TestSupport.FakeUpstream;

/// <summary>The strict fake upstream (see the comment at the top of this file for what it rejects).</summary>
public sealed class FakeUpstreamServer : IAsyncDisposable
{
    /// <summary>The text of the default answer.</summary>
    public const string DefaultAnswer = "Hello from the fake upstream.";

    private const string DeploymentsPrefix = "/openai/deployments/";
    private const string ChatSuffix = "/chat/completions";
    private const string ResponsesSuffix = "/responses";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeResponse> _script = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly List<(int Count, TaskCompletionSource<IReadOnlyList<RecordedRequest>> Waiter)> _waiters = [];
    private readonly CancellationTokenSource _stopping = new();

    private FakeUpstreamServer(WebApplication app, FakeUpstreamOptions options)
    {
        _app = app;
        Options = options;
    }

    public FakeUpstreamOptions Options { get; }

    /// <summary><c>http://127.0.0.1:PORT/</c>: the Azure endpoint (append <c>openai/…</c>).</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary><c>http://127.0.0.1:PORT/v1/</c>: an OpenAI-compatible base URL.</summary>
    public Uri OpenAIBaseUri => new(BaseUri, "v1/");

    /// <summary>Every request received so far, in arrival order (a snapshot).</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get { lock (_requests) return [.. _requests]; }
    }

    /// <summary>The latest request; throws when none arrived.</summary>
    public RecordedRequest LastRequest
    {
        get { lock (_requests) return _requests.Count > 0 ? _requests[^1] : throw new InvalidOperationException("the fake upstream received no request"); }
    }

    /// <summary>Starts the fake on 127.0.0.1 with a free port. Resolves the specs on the calling (test) thread, so a missing ../shared skips the test.</summary>
    public static async Task<FakeUpstreamServer> StartAsync(FakeUpstreamOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new FakeUpstreamOptions();
        if (options.ValidateAgainstSpecs)
        {
            _ = SpecValidator.OpenAI.SpecPath;
            _ = SpecValidator.Azure.SpecPath;
            // Load now, not inside the first request (the OpenAI spec takes a moment to parse).
            _ = SpecValidator.OpenAI.PropertyNames("CreateChatCompletionRequest");
        }
        var app = LoopbackApp.CreateBuilder().Build();
        var server = new FakeUpstreamServer(app, options);
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken);
        server.BaseUri = LoopbackApp.BaseAddress(app);
        return server;
    }

    /// <summary>Queues the answer to the next request that passes the strict checks.</summary>
    public FakeUpstreamServer Enqueue(FakeResponse response)
    {
        _script.Enqueue(response);
        return this;
    }

    /// <summary>Completes with the first <paramref name="count"/> requests once that many have arrived.</summary>
    public Task<IReadOnlyList<RecordedRequest>> WaitForRequestsAsync(int count, CancellationToken cancellationToken = default)
    {
        lock (_requests)
        {
            if (_requests.Count >= count) return Task.FromResult<IReadOnlyList<RecordedRequest>>([.. _requests.Take(count)]);
            var waiter = new TaskCompletionSource<IReadOnlyList<RecordedRequest>>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, waiter));
            return waiter.Task.WaitAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = await RecordAsync(context);
        var selfAborted = false;
        using var registration = context.RequestAborted.Register(() => { if (!Volatile.Read(ref selfAborted)) request.MarkAborted(); });
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        try
        {
            if (Admit(context, request) is { } rejection)
            {
                request.Rejection = rejection;
                await WriteJsonAsync(context, rejection.Status, rejection.Body, null, lifetime.Token);
                return;
            }
            var response = _script.TryDequeue(out var scripted) ? scripted
                : request.Api == UpstreamApi.Responses ? DefaultResponsesResponse(request.Body!) : DefaultResponse(request.Body!);
            if (response is FakeResponse.JsonBody { Status: not 200 } && request.Dialect != UpstreamDialect.OpenAI
                && request.Headers.TryGetValue(SpilloverRules.Header, out var spillover))
            {
                request.SpilledTo = spillover;
                response = DefaultResponse(request.Body!) with
                {
                    Headers = new Dictionary<string, string> { [$"x-ms-spillover-from-{request.Deployment}"] = "true" },
                };
            }
            await PlayAsync(context, response, () => Volatile.Write(ref selfAborted, true), lifetime.Token);
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
        {
            // The client went away (or the fake is stopping): nothing more to send.
        }
        finally
        {
            request.MarkCompleted(context.Response.StatusCode);
        }
    }

    private async Task<RecordedRequest> RecordAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var raw = await reader.ReadToEndAsync(context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = new RecordedRequest(context.Request.Method, context.Request.Path.Value ?? "", context.Request.QueryString.Value ?? "", headers, raw);
        try
        {
            request.Body = raw.Length == 0 ? null : JsonNode.Parse(raw);
        }
        catch (JsonException)
        {
            request.Body = null;
        }
        lock (_requests)
        {
            _requests.Add(request);
            foreach (var waiter in _waiters.Where(w => w.Count <= _requests.Count).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Waiter.TrySetResult([.. _requests.Take(waiter.Count)]);
            }
        }
        return request;
    }

    /// <summary>Routing, auth, api-version, body, deployment, then the body rules; null when the request is admitted.</summary>
    private UpstreamError? Admit(HttpContext context, RecordedRequest request)
    {
        var path = request.Path;
        if (!HttpMethods.IsPost(request.Method)) return ResourceNotFound();
        if (path.EndsWith(ResponsesSuffix, StringComparison.Ordinal)) return AdmitResponses(context, request);
        if (!path.EndsWith(ChatSuffix, StringComparison.Ordinal)) return ResourceNotFound();
        UpstreamDialect dialect;
        string? deploymentName = null;
        if (path.StartsWith(DeploymentsPrefix, StringComparison.Ordinal))
        {
            dialect = UpstreamDialect.AzureDeployment;
            deploymentName = path[DeploymentsPrefix.Length..^ChatSuffix.Length];
            if (deploymentName.Length == 0 || deploymentName.Contains('/', StringComparison.Ordinal)) return ResourceNotFound();
        }
        else if (path == "/openai/v1" + ChatSuffix) dialect = UpstreamDialect.AzureV1;
        else if (path.StartsWith("/openai/", StringComparison.Ordinal)) return ResourceNotFound();
        else dialect = UpstreamDialect.OpenAI;
        request.Dialect = dialect;

        if (Authenticate(context.Request, dialect) is { } authError) return authError;
        var apiVersion = context.Request.Query["api-version"].ToString();
        if (dialect == UpstreamDialect.AzureDeployment)
        {
            if (apiVersion.Length == 0) return ResourceNotFound();
            if (!Options.ApiVersions.Contains(apiVersion)) return UpstreamError.Azure(400, "BadRequest", "API version not supported");
        }
        if (request.Body is not JsonObject body)
            return UpstreamError.BadRequest(
                "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. " +
                "The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)", null, null);

        if (dialect != UpstreamDialect.AzureDeployment)
        {
            deploymentName = body["model"] is JsonValue m && m.TryGetValue<string>(out var model) ? model : null;
            if (deploymentName is null) return UpstreamError.BadRequest("you must provide a model parameter", null, null);
        }
        request.Deployment = deploymentName;
        if (!Options.Deployments.TryGetValue(deploymentName!, out var deployment))
            return dialect == UpstreamDialect.OpenAI
                ? UpstreamError.OpenAI(404, $"The model `{deploymentName}` does not exist or you do not have access to it.", "invalid_request_error", null, "model_not_found")
                : UpstreamError.Azure(404, "DeploymentNotFound",
                    "The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.");

        if (Options.IsResponsesOnlyModel(deployment.Model))
            return UpstreamError.Azure(400, "OperationNotSupported",
                $"The chatCompletion operation does not work with the specified model, {deployment.Model}. Please choose different model and try again. " +
                "You can learn more about which models can be used with each operation here: https://go.microsoft.com/fwlink/?linkid=2197993.");
        if (dialect != UpstreamDialect.OpenAI && SpilloverRules.CheckChat(SpilloverTarget(context), deployment, Options) is { } spillover) return spillover;
        return StrictChatRules.Check(body, dialect, deployment, dialect == UpstreamDialect.AzureDeployment ? apiVersion : null, Options);
    }

    /// <summary>The Responses routes: the URL style, auth, api-version (dated URL), body, deployment (always the body's model), body rules.</summary>
    private UpstreamError? AdmitResponses(HttpContext context, RecordedRequest request)
    {
        request.Api = UpstreamApi.Responses;
        var path = request.Path;
        UpstreamDialect dialect;
        if (path == "/openai/v1" + ResponsesSuffix) dialect = UpstreamDialect.AzureV1;
        else if (path == "/openai" + ResponsesSuffix) dialect = UpstreamDialect.AzureDeployment;
        else if (path.StartsWith("/openai/", StringComparison.Ordinal)) return ResourceNotFound();
        else dialect = UpstreamDialect.OpenAI;
        request.Dialect = dialect;

        if (Authenticate(context.Request, dialect) is { } authError) return authError;
        if (dialect == UpstreamDialect.AzureDeployment)
        {
            var apiVersion = context.Request.Query["api-version"].ToString();
            if (apiVersion.Length == 0 || string.CompareOrdinal(apiVersion, Options.ResponsesMinimumApiVersion) < 0) return ResourceNotFound();
            if (!Options.ApiVersions.Contains(apiVersion)) return UpstreamError.Azure(400, "BadRequest", "API version not supported");
        }
        if (dialect != UpstreamDialect.OpenAI && SpilloverRules.CheckResponses(SpilloverTarget(context)) is { } spillover) return spillover;
        if (request.Body is not JsonObject body)
            return UpstreamError.BadRequest("We could not parse the JSON body of your request.", null, null);
        var deploymentName = body["model"] is JsonValue m && m.TryGetValue<string>(out var model) ? model : null;
        if (deploymentName is null) return UpstreamError.BadRequest("Missing required parameter: 'model'.", "model", "missing_required_parameter");
        request.Deployment = deploymentName;
        if (!Options.Deployments.TryGetValue(deploymentName, out var deployment))
            return dialect == UpstreamDialect.OpenAI
                ? UpstreamError.OpenAI(404, $"The model `{deploymentName}` does not exist or you do not have access to it.", "invalid_request_error", null, "model_not_found")
                : UpstreamError.Azure(404, "DeploymentNotFound",
                    "The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.");
        return StrictResponsesRules.Check(body, deployment, Options);
    }

    private UpstreamError? Authenticate(HttpRequest request, UpstreamDialect dialect)
    {
        var apiKey = request.Headers["api-key"].ToString();
        var authorization = request.Headers.Authorization.ToString();
        var bearer = authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization["Bearer ".Length..] : null;
        var accepted = dialect switch
        {
            UpstreamDialect.AzureDeployment => apiKey == Options.ApiKey || (Options.EntraToken is not null && bearer == Options.EntraToken),
            UpstreamDialect.AzureV1 => apiKey == Options.ApiKey || bearer == Options.ApiKey || (Options.EntraToken is not null && bearer == Options.EntraToken),
            _ => bearer == Options.ApiKey,
        };
        if (accepted) return null;
        if (dialect != UpstreamDialect.OpenAI)
            return UpstreamError.Azure(401, "401",
                "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.");
        return bearer is null
            ? UpstreamError.OpenAI(401, "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).", "invalid_request_error", null, null)
            : UpstreamError.OpenAI(401, "Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.", "invalid_request_error", null, "invalid_api_key");
    }

    private static string? SpilloverTarget(HttpContext context) =>
        context.Request.Headers.TryGetValue(SpilloverRules.Header, out var value) ? value.ToString() : null;

    private static UpstreamError ResourceNotFound() => UpstreamError.Azure(404, "404", "Resource not found");

    private static FakeResponse DefaultResponse(JsonNode body)
    {
        if (body["stream"] is JsonValue s && s.TryGetValue<bool>(out var stream) && stream)
        {
            var includeUsage = body["stream_options"]?["include_usage"] is JsonValue u && u.TryGetValue<bool>(out var usage) && usage;
            return FakeResponse.Stream(ChatSse.TextAnswer(DefaultAnswer, includeUsage));
        }
        return FakeResponse.Json(ChatCompletionBodies.Text(DefaultAnswer));
    }

    private static FakeResponse DefaultResponsesResponse(JsonNode body) =>
        body["stream"] is JsonValue s && s.TryGetValue<bool>(out var stream) && stream
            ? FakeResponse.Stream(ResponsesSse.TextAnswer(DefaultAnswer))
            : FakeResponse.Json(ResponsesBodies.Text(DefaultAnswer));

    private static async Task PlayAsync(HttpContext context, FakeResponse response, Action markSelfAborted, CancellationToken cancellationToken)
    {
        switch (response)
        {
            case FakeResponse.JsonBody json:
                await WriteJsonAsync(context, json.Status, json.Body, json.Headers, cancellationToken);
                break;
            case FakeResponse.RawBody raw:
                context.Response.StatusCode = raw.Status;
                context.Response.ContentType = raw.ContentType;
                await context.Response.WriteAsync(raw.Body, cancellationToken);
                break;
            case FakeResponse.Hang:
                await Task.Delay(Timeout.Infinite, cancellationToken);
                break;
            case FakeResponse.Reset:
                markSelfAborted();
                context.Abort();
                break;
            case FakeResponse.SseStream stream:
                context.Response.StatusCode = 200;
                context.Response.ContentType = "text/event-stream";
                context.Response.Headers.CacheControl = "no-cache";
                CopyHeaders(context, stream.Headers);
                await context.Response.StartAsync(cancellationToken);
                foreach (var step in stream.Steps)
                    if (!await PlayStepAsync(context, step, markSelfAborted, cancellationToken)) return;
                break;
        }
    }

    /// <summary>Plays one stream step; false when the stream is over (aborted).</summary>
    private static async Task<bool> PlayStepAsync(HttpContext context, StreamStep step, Action markSelfAborted, CancellationToken cancellationToken)
    {
        switch (step)
        {
            case StreamStep.Send send:
                await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(send.Chunk), cancellationToken);
                await context.Response.Body.FlushAsync(cancellationToken);
                return true;
            case StreamStep.Wait wait:
                await wait.Gate.WaitAsync(cancellationToken);
                return true;
            case StreamStep.Notify notify:
                notify.Flushed.TrySetResult();
                return true;
            case StreamStep.HangForever:
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return false;
            case StreamStep.AbortConnection:
                markSelfAborted();
                context.Abort();
                return false;
            default:
                throw new InvalidOperationException($"unknown stream step {step}");
        }
    }

    private static async Task WriteJsonAsync(HttpContext context, int status, JsonNode body, IReadOnlyDictionary<string, string>? headers, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        if (headers is not null) CopyHeaders(context, headers);
        await context.Response.WriteAsync(body.ToJsonString(), cancellationToken);
    }

    private static void CopyHeaders(HttpContext context, IReadOnlyDictionary<string, string> headers)
    {
        foreach (var (name, value) in headers) context.Response.Headers[name] = value;
    }
}
