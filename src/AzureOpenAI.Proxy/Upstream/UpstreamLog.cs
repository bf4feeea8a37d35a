using Microsoft.Extensions.Logging;

namespace AzureOpenAI.Proxy.Upstream;

/// <summary>What the upstream taught the proxy, logged once when it is learned (deployment names escaped: they come from requests).</summary>
internal static partial class UpstreamLog
{
    public static void LearnedLimit(ILogger logger, string deployment, int limit) => LearnedLimitLine(logger, LogText.Value(deployment), limit);

    public static void SwitchedToResponses(ILogger logger, string deployment) => SwitchedToResponsesLine(logger, LogText.Value(deployment));

    public static void LearnedNoFileParts(ILogger logger, string deployment) => LearnedNoFilePartsLine(logger, LogText.Value(deployment));

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "{Deployment} takes no file parts; PDFs go as their text from now on")]
    private static partial void LearnedNoFilePartsLine(ILogger logger, string deployment);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "{Deployment} accepts at most {Limit} completion tokens; remembered")]
    private static partial void LearnedLimitLine(ILogger logger, string deployment, int limit);

    [LoggerMessage(EventId = 9, Level = LogLevel.Information,
        Message = "{Deployment} is served only by the Responses API (OperationNotSupported on Chat Completions); switched for this process")]
    private static partial void SwitchedToResponsesLine(ILogger logger, string deployment);
}
