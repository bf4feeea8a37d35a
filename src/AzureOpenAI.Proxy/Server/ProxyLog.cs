using Microsoft.Extensions.Logging;

namespace AzureOpenAI.Proxy.Server;

/// <summary>
/// Every log line the server writes. Nothing here takes message content, the API key or the local token:
/// at the default level (info) only ids, paths, model names, statuses, timings and token counts are logged.
/// Values a client or the upstream chose (method, path, model and deployment names, upstream details) are escaped by
/// <see cref="LogText"/>, so each entry stays one line with no terminal escapes.
/// </summary>
internal static partial class ProxyLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "{RequestId} {Method} {Path} {RequestedModel} -> {Deployment} {Status} upstream={UpstreamMs}ms total={TotalMs}ms in={InputTokens} out={OutputTokens}")]
    private static partial void RequestLine(ILogger logger, string requestId, string method, string path, string requestedModel,
        string deployment, string status, long upstreamMs, long totalMs, string inputTokens, string outputTokens);

    public static void Request(ILogger logger, string requestId, string method, string path, string requestedModel,
        string deployment, string status, long upstreamMs, long totalMs, string inputTokens, string outputTokens) =>
        RequestLine(logger, requestId, LogText.Value(method), LogText.Value(path), LogText.Value(requestedModel),
            LogText.Value(deployment), status, upstreamMs, totalMs, inputTokens, outputTokens);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "{RequestId} {Method} {Path} {Status}")]
    private static partial void ProbeLine(ILogger logger, string requestId, string method, string path, int status);

    public static void Probe(ILogger logger, string requestId, string method, string path, int status) =>
        ProbeLine(logger, requestId, LogText.Value(method), LogText.Value(path), status);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "{RequestId} the client went away; the upstream request was cancelled")]
    public static partial void ClientAborted(ILogger logger, string requestId);

    [LoggerMessage(EventId = 10, Level = LogLevel.Debug, Message = "{RequestId} bad request body from the client: {Reason}")]
    public static partial void ClientFault(ILogger logger, string requestId, string reason);

    [LoggerMessage(EventId = 20, Level = LogLevel.Debug, Message = "{RequestId} not known to the translator, handled by its unknown rule: {Shape}")]
    private static partial void UnknownShapeLine(ILogger logger, string requestId, string shape);

    /// <summary>A shape <c>KnownShapes</c> does not list (a new Claude Code release): tolerated, named at debug.</summary>
    public static void UnknownShape(ILogger logger, string requestId, string shape) => UnknownShapeLine(logger, requestId, LogText.Value(shape));

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "{RequestId} unhandled error")]
    public static partial void Unhandled(ILogger logger, Exception exception, string requestId);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "{RequestId} upstream {Failure}: {Detail}")]
    private static partial void UpstreamFailedLine(ILogger logger, string requestId, string failure, string detail);

    public static void UpstreamFailed(ILogger logger, string requestId, string failure, string detail) =>
        UpstreamFailedLine(logger, requestId, LogText.Value(failure), LogText.Line(detail)); // our own explanation, kept whole

    [LoggerMessage(EventId = 6, Level = LogLevel.Information,
        Message = "azure-openai {Version} listening on {Address} (provider {Provider}, endpoint {Endpoint}, auth {Auth})")]
    public static partial void Listening(ILogger logger, string version, string address, string provider, string endpoint, string auth);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "not ready: {Problem}")]
    public static partial void NotConfigured(ILogger logger, string problem);

    /// <summary>A request that left one or more pool backends behind, and the backend that answered it.</summary>
    [LoggerMessage(EventId = 30, Level = LogLevel.Warning, Message = "{RequestId} failover: {LeftBehind} -> {Backend}")]
    public static partial void Failover(ILogger logger, string requestId, string leftBehind, string backend);
}
