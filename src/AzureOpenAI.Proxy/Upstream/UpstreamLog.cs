using Microsoft.Extensions.Logging;

namespace AzureOpenAI.Proxy.Upstream;

/// <summary>What the upstream taught the proxy, logged once when it is learned.</summary>
internal static partial class UpstreamLog
{
    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "{Deployment} accepts at most {Limit} completion tokens; remembered")]
    public static partial void LearnedLimit(ILogger logger, string deployment, int limit);

    [LoggerMessage(EventId = 9, Level = LogLevel.Information,
        Message = "{Deployment} is served only by the Responses API (OperationNotSupported on Chat Completions); switched for this process")]
    public static partial void SwitchedToResponses(ILogger logger, string deployment);
}
