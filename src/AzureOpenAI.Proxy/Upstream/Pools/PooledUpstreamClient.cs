using AzureOpenAI.Translation.Anthropic;

namespace AzureOpenAI.Proxy.Upstream.Pools;

/// <summary>
/// Sends a request to the pool of its route, trying backends in the order of <see cref="BackendSelector"/>:
/// <code>
/// for each backend:
///   prompt over its input window                      → next backend (none left: "prompt is too long", nothing sent)
///   circuit open (Polly)                              → next backend, nothing sent
///   UpstreamClient.SendAsync (its own URL, credential, API style, output reservation; its 503s and lost connections are retried only on the last backend)
///   answer                                            → remember its remaining tokens, the session's backend; return it
///   429 / APIM quota 403 / 503 / no connection        → cool down for its retry-after, next backend
///   anything else                                     → return it
/// all failed → the last failure; a quota beyond a minute names the deployment and the reset (QuotaFailures)
/// </code>
/// Every step happens before the first byte reaches the client: an answer that has started is never resent.
/// </summary>
internal sealed class PooledUpstreamClient(UpstreamClient client, BackendPools pools, BackendSelector selector, ContextWindowGuard contextGuard,
    TimeSpan requestTimeout, TimeProvider time)
{
    /// <summary>The result of the request; <paramref name="trace"/> learns which backends were tried.</summary>
    public async Task<UpstreamResult> SendAsync(MessagesRequest request, string route, string? session, BackendTrace trace, CancellationToken clientAborted)
    {
        var pool = pools.For(route) ?? throw new InvalidOperationException($"no pool serves {route}: routing should have refused it");
        var prompt = PromptMeasure.Of(request);
        UpstreamFailure? failed = null;
        AnthropicError? tooLong = null;
        var attempts = selector.Attempts(pool, session);
        foreach (var (index, backend) in attempts.Index())
        {
            trace.Tried(backend);
            if (contextGuard.Check(request, prompt, backend.Deployment, backend.ContextWindow) is { } refusal)
            {
                tooLong ??= refusal;
                trace.MovedOn(backend, "prompt-too-long");
                continue;
            }
            var result = await backend.Circuit.ExecuteAsync(() => client.SendAsync(request, backend, prompt, clientAborted,
                failoverAvailable: index < attempts.Count - 1)).ConfigureAwait(false);
            if (result is null)
            {
                trace.MovedOn(backend, "circuit-open");
                continue;
            }
            if (result is UpstreamSuccess answer)
            {
                backend.Headroom.Observe(answer.Response.Headers);
                backend.Served.Record();
                selector.Served(pool, session, backend);
                failed?.Dispose();
                return answer;
            }
            var failure = (UpstreamFailure)result;
            if (!Failover.MovesOn(failure))
            {
                failed?.Dispose();
                return failure;
            }
            Failover.CoolDown(backend, failure, time.GetUtcNow());
            trace.MovedOn(backend, Failover.Reason(failure));
            failed?.Dispose();
            failed = failure;
        }
        if (failed is not null) return QuotaFailures.Final(failed, trace.Last!, pool, time.GetUtcNow());
        var deadline = new UpstreamDeadline(clientAborted, requestTimeout);
        return tooLong is not null
            ? new UpstreamFailure(UpstreamFailureKind.Untranslatable, trace.Last!.Api, deadline, TimeSpan.Zero) { TranslationError = tooLong }
            : QuotaFailures.NoneAvailable(pool, time.GetUtcNow(), deadline);
    }
}
