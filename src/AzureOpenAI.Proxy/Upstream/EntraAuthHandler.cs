using System.Net.Http.Headers;

namespace AzureOpenAI.Proxy.Upstream;

/// <summary>
/// Puts the Entra ID token on every upstream request as <c>Authorization: Bearer</c> (never an <c>api-key</c>).
/// It sits inside the retry handler, so a retried attempt carries a token too; the cache makes that free.
/// A pools.json backend names its own credential in <see cref="BackendTokens"/> (null: no Entra ID), which replaces
/// the settings' <paramref name="tokens"/>.
/// </summary>
internal sealed class EntraAuthHandler(EntraTokenCache? tokens) : DelegatingHandler
{
    public static readonly HttpRequestOptionsKey<EntraTokenCache?> BackendTokens = new("azure-openai.backend-entra-tokens");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var cache = request.Options.TryGetValue(BackendTokens, out var own) ? own : tokens;
        if (cache is null) return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var token = await cache.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Remove("api-key");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
