using System.Net.Http.Headers;

namespace AzureOpenAI.Proxy.Upstream;

/// <summary>
/// Puts the Entra ID token on every upstream request as <c>Authorization: Bearer</c> (never an <c>api-key</c>).
/// It sits inside the retry handler, so a retried attempt carries a token too; the cache makes that free.
/// </summary>
internal sealed class EntraAuthHandler(EntraTokenCache tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Remove("api-key");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
