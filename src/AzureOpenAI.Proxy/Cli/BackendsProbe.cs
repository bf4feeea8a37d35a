using System.Globalization;
using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Proxy.Upstream;
using AzureOpenAI.Proxy.Upstream.Pools;

namespace AzureOpenAI.Proxy.Cli;

/// <summary>
/// The <c>test</c> of pools.json: each backend, in file order, gets the probe directly (its own endpoint, credential,
/// headers and API, as the proxy calls it; never through the proxy, whose pool would hide which one answered), one
/// line each, secrets masked:
/// <code>
/// backend     big east.openai.azure.com/gpt-5-ptu: ok, 412 ms
/// backend     big west.openai.azure.com/gpt-5: failed: west.openai.azure.com rejected the API key (401): …
/// </code>
/// </summary>
internal static class BackendsProbe
{
    /// <summary>True when every backend answered.</summary>
    public static async Task<bool> RunAsync(CliContext context, ProxySettings settings, PoolsFile pools, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var redactor = SecretRedactor.For(settings);
        var entra = new Lazy<EntraTokenCache>(() => EntraTokenCache.For(
            UpstreamCredential.IsEntra(settings.Credential) ? settings.Credential : UpstreamCredentialKind.DefaultAzureCredential, settings, TimeProvider.System));
        var allAnswered = true;
        foreach (var tier in PoolsFile.TierNames)
            foreach (var spec in pools.Find(tier) ?? [])
            {
                var backend = BackendPools.Create(spec, settings, entra, TimeProvider.System);
                var result = await ProviderProbe.RunAsync(settings, backend, timeout, cancellationToken).ConfigureAwait(false);
                allAnswered &= result.Failure is null;
                var outcome = result.Failure is { } failure
                    ? "failed: " + FailureExplainer.Explain(failure, Target(backend, spec, timeout))
                    : string.Create(CultureInfo.InvariantCulture, $"ok, {result.Latency.TotalMilliseconds:0} ms");
                context.Out.WriteLine(redactor.Redact($"backend     {tier} {backend.Name}: {outcome}"));
            }
        return allAnswered;
    }

    private static ProbeTarget Target(Backend backend, PoolBackend spec, TimeSpan timeout) =>
        new(backend.Profile.EndpointHost, backend.Deployment, $"\"deployment\" at pools.json line {spec.Line}", backend.Profile.ApiVersion, timeout,
            UsesEntra: spec.Auth == PoolAuth.Entra, PoolsLine: spec.Line);
}
