using Azure.Core;
using Azure.Identity;
using AzureOpenAI.Proxy.Configuration;

namespace AzureOpenAI.Proxy.Upstream;

/// <summary>
/// Entra ID bearer tokens for the upstream, fetched once and shared by every request until shortly before they expire:
/// <code>
/// token valid for more than RefreshMargin (and before the credential's own refresh-on)   reuse it
/// otherwise, one caller fetches (SemaphoreSlim), the others wait for that fetch
/// the fetch fails while the old token still has time left                                keep using the old one
/// the fetch fails otherwise                                                              UpstreamCredentialException
/// </code>
/// Azure CLI tokens are not cached by Azure.Identity (each fetch runs <c>az</c>), so this cache is what keeps the
/// per-request cost at zero.
/// </summary>
internal sealed class EntraTokenCache(TokenCredential credential, TimeProvider time) : IDisposable
{
    /// <summary>Refresh this long before expiry, so that a token never runs out during a long streamed answer's start.</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private static readonly TokenRequestContext Request = new([UpstreamCredential.Scope]);

    private readonly SemaphoreSlim _fetching = new(1, 1);
    private volatile CachedToken? _token;

    /// <summary>The credential for <paramref name="kind"/>: the static AZURE_OPENAI_AD_TOKEN, or DefaultAzureCredential.</summary>
    public static EntraTokenCache For(UpstreamCredentialKind kind, ProxySettings settings, TimeProvider time) => new(kind switch
    {
        UpstreamCredentialKind.StaticEntraToken => StaticToken(settings.AzureAdToken!),
        UpstreamCredentialKind.DefaultAzureCredential => new DefaultAzureCredential(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not an Entra ID credential"),
    }, time);

    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_token is { } fresh && !NeedsRefresh(fresh)) return fresh.Value;
        await _fetching.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = _token;
            if (current is not null && !NeedsRefresh(current)) return current.Value;
            try
            {
                var token = await credential.GetTokenAsync(Request, cancellationToken).ConfigureAwait(false);
                var cached = new CachedToken(token.Token, token.ExpiresOn, token.RefreshOn);
                _token = cached;
                return cached.Value;
            }
            catch (Exception ex) when (ex is CredentialUnavailableException or AuthenticationFailedException)
            {
                if (current is not null && current.ExpiresOn > time.GetUtcNow()) return current.Value;
                throw Explain(ex);
            }
        }
        finally
        {
            _fetching.Release();
        }
    }

    public void Dispose() => _fetching.Dispose();

    private bool NeedsRefresh(CachedToken token)
    {
        var now = time.GetUtcNow();
        return now >= token.ExpiresOn - RefreshMargin || (token.RefreshOn is { } refreshOn && now >= refreshOn);
    }

    /// <summary>
    /// DefaultAzureCredential's own messages list every credential it tried over many lines: the user needs the fix.
    /// An unavailable chain means nothing is signed in; a failed one keeps the credential's first line as the reason.
    /// </summary>
    private static UpstreamCredentialException Explain(Exception ex) => ex switch
    {
        CredentialUnavailableException => new UpstreamCredentialException(UpstreamCredentialException.NoCredentialFound, ex),
        _ => new UpstreamCredentialException(
            $"the Azure credential failed ({FirstLine(ex.Message)}): run `az login` again, or set AZURE_OPENAI_AD_TOKEN, or use an API key (OPENAI_API_KEY)", ex),
    };

    private static string FirstLine(string message)
    {
        var line = message.AsSpan().Trim();
        var end = line.IndexOfAny('\r', '\n');
        if (end >= 0) line = line[..end];
        return line.Length <= 300 ? line.ToString() : string.Concat(line[..300], "…");
    }

    /// <summary>A static token never expires as far as the cache is concerned: the user replaces it.</summary>
    private static TokenCredential StaticToken(string token) =>
        DelegatedTokenCredential.Create((_, _) => new AccessToken(token, DateTimeOffset.MaxValue));

    private sealed record CachedToken(string Value, DateTimeOffset ExpiresOn, DateTimeOffset? RefreshOn);
}
