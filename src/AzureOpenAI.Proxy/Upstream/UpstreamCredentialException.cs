namespace AzureOpenAI.Proxy.Upstream;

/// <summary>
/// No Entra ID token could be had: the message says what to do. Deliberately not an <see cref="HttpRequestException"/>,
/// so that the retry pipeline leaves it alone and the caller reports it as a 401, not as an unreachable upstream.
/// </summary>
internal sealed class UpstreamCredentialException(string message, Exception? inner = null) : Exception(message, inner)
{
    public const string NoCredentialFound =
        "no Azure credential found: run `az login`, or set AZURE_OPENAI_AD_TOKEN, or use an API key (OPENAI_API_KEY)";
}
