using System.Text.Json.Nodes;

namespace AzureOpenAI.TestSupport.FakeUpstream;

/// <summary>How a request reached the fake: which URL style it used.</summary>
public enum UpstreamDialect
{
    /// <summary><c>/openai/deployments/{dep}/chat/completions?api-version=…</c>, <c>api-key</c>.</summary>
    AzureDeployment,

    /// <summary><c>/openai/v1/chat/completions</c>, <c>model</c> = deployment, <c>api-key</c> or Bearer.</summary>
    AzureV1,

    /// <summary><c>{base}/chat/completions</c>, Bearer.</summary>
    OpenAI,
}

/// <summary>Which API a request called.</summary>
public enum UpstreamApi
{
    /// <summary><c>…/chat/completions</c>.</summary>
    ChatCompletions,

    /// <summary><c>/openai/v1/responses</c>, <c>/openai/responses?api-version=…</c> or <c>{base}/responses</c>.</summary>
    Responses,
}

/// <summary>One request as the fake saw it, and how it ended.</summary>
public sealed class RecordedRequest
{
    private readonly TaskCompletionSource _aborted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<int> _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal RecordedRequest(string method, string path, string query, IReadOnlyDictionary<string, string> headers, string rawBody)
    {
        Method = method;
        Path = path;
        Query = query;
        Headers = headers;
        RawBody = rawBody;
    }

    public string Method { get; }
    public string Path { get; }

    /// <summary>The query string including its leading <c>?</c>, or empty.</summary>
    public string Query { get; }

    /// <summary>Request headers, case-insensitive, multiple values joined with ", ".</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    public string RawBody { get; }

    /// <summary>The body parsed, or null when it was not JSON.</summary>
    public JsonNode? Body { get; internal set; }

    /// <summary>
    /// The URL style. Responses: <c>/openai/responses?api-version=…</c> is <see cref="UpstreamDialect.AzureDeployment"/>
    /// (dated api-version, <c>api-key</c>), <c>/openai/v1/responses</c> is <see cref="UpstreamDialect.AzureV1"/>.
    /// </summary>
    public UpstreamDialect? Dialect { get; internal set; }

    public UpstreamApi Api { get; internal set; }

    /// <summary>The deployment (Azure) or model (v1, OpenAI) the request was routed to.</summary>
    public string? Deployment { get; internal set; }

    /// <summary>The strict checks' rejection, when the fake rejected the request.</summary>
    public UpstreamError? Rejection { get; internal set; }

    /// <summary>The deployment that served the request by spillover (<see cref="SpilloverRules"/>), or null.</summary>
    public string? SpilledTo { get; internal set; }

    /// <summary>Completes when the client aborted the request (disconnect, cancellation), not when the fake aborted it.</summary>
    public Task Aborted => _aborted.Task;

    public bool WasAborted => _aborted.Task.IsCompleted;

    /// <summary>Completes with the status sent once the fake has finished handling the request.</summary>
    public Task<int> Completed => _completed.Task;

    internal void MarkAborted() => _aborted.TrySetResult();

    internal void MarkCompleted(int status) => _completed.TrySetResult(status);
}
