using System.Diagnostics;
using System.Text.Json;
using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Proxy.Upstream;
using AzureOpenAI.Proxy.Upstream.Pools;
using AzureOpenAI.Translation.Anthropic;
using AzureOpenAI.Translation.Mapping;
using Microsoft.Extensions.Logging.Abstractions;

namespace AzureOpenAI.Proxy.Cli;

/// <summary>
/// The <c>test</c> call straight to the provider, for when the proxy is not running: the probe's Messages request
/// goes through the proxy's own request path in-process (<see cref="UpstreamClient"/>: the deployment's API, its URL,
/// the credential), so Responses-only deployments are tested as they are served. Nothing is retried: the test shows
/// the first failure.
/// </summary>
internal static class ProviderProbe
{
    public static Task<ProbeResult> RunAsync(ProxySettings settings, ProviderProfile profile, string deployment, TimeSpan timeout,
        CancellationToken cancellationToken) =>
        RunAsync(settings, new Backend(deployment, profile, new BackendSpec(), new DeploymentApiStyles(settings), TimeProvider.System), timeout,
            cancellationToken);

    /// <summary>The probe to one backend: the settings' deployment, or a pools.json backend with its own credential and headers.</summary>
    public static async Task<ProbeResult> RunAsync(ProxySettings settings, Backend backend, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deployment = backend.Deployment;
        using var http = new HttpClient(Handler(settings, timeout)) { Timeout = Timeout.InfiniteTimeSpan };
        var learned = new LearnedOutputLimits();
        var upstream = new UpstreamClient(http, new DeploymentOptionsFactory(settings, learned), learned, timeout, NullLogger.Instance);
        var request = JsonSerializer.Deserialize(ProbeResult.MessagesRequestBody(deployment), AnthropicJsonContext.Default.MessagesRequest)!;

        var started = Stopwatch.GetTimestamp();
        using var result = await upstream.SendAsync(request, backend, PromptMeasure.Of(request), cancellationToken).ConfigureAwait(false);
        if (result is UpstreamFailure failure) return new ProbeResult(Stopwatch.GetElapsedTime(started), null, Describe(failure));

        var answer = (UpstreamSuccess)result;
        byte[] body;
        try
        {
            body = await answer.Response.Content.ReadAsByteArrayAsync(answer.Deadline.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException)
        {
            using var lost = answer.FailedReading(ex);
            return new ProbeResult(Stopwatch.GetElapsedTime(started), null, Describe(lost));
        }
        var latency = Stopwatch.GetElapsedTime(started);
        try
        {
            return new ProbeResult(latency, ProbeResult.ReplyText(answer.Api.ToMessage(body, "msg_test", deployment, answer.Sent.ToolNames).Json), null);
        }
        catch (AnthropicRequestException ex)
        {
            return new ProbeResult(latency, null, new ProbeFailure(ProbeFailureKind.Http, (int)answer.Response.StatusCode, Message: ex.Error.Message));
        }
    }

    /// <summary>
    /// Network and credential failures keep their exception (DNS vs refused); an error status keeps the upstream's own
    /// code and words, which <see cref="FailureExplainer"/> reads as it reads the proxy's relayed errors.
    /// </summary>
    private static ProbeFailure Describe(UpstreamFailure failure) => failure.Kind switch
    {
        UpstreamFailureKind.Timeout => new ProbeFailure(ProbeFailureKind.Timeout),
        UpstreamFailureKind.HttpStatus => ProbeFailure.FromHttp(failure.Status, failure.Body),
        UpstreamFailureKind.Untranslatable => new ProbeFailure(ProbeFailureKind.Http, 400, Message: failure.TranslationError!.Message),
        _ => ProbeFailure.FromException(failure.Exception!),
    };

    /// <summary>
    /// Sockets, behind the Entra ID token handler, as the proxy's: the settings' tokens when they use Entra ID, a
    /// pools.json backend's own otherwise (no retries: the test shows the first failure).
    /// </summary>
    private static HttpMessageHandler Handler(ProxySettings settings, TimeSpan timeout) =>
        new EntraAuthHandler(UpstreamCredential.IsEntra(settings.Credential) ? EntraTokenCache.For(settings.Credential, settings, TimeProvider.System) : null)
        {
            InnerHandler = new SocketsHttpHandler { ConnectTimeout = timeout },
        };
}
