namespace AzureOpenAI.Proxy.Configuration;

/// <summary>Which credential the proxy presents to the provider.</summary>
internal enum UpstreamCredentialKind
{
    /// <summary>A keyless OpenAI-compatible server (Ollama, vLLM on this machine).</summary>
    None,

    /// <summary><c>OPENAI_API_KEY</c>: <c>api-key</c> on Azure, <c>Authorization: Bearer</c> elsewhere.</summary>
    ApiKey,

    /// <summary><c>AZURE_OPENAI_AD_TOKEN</c>, sent as it is.</summary>
    StaticEntraToken,

    /// <summary>Azure.Identity's DefaultAzureCredential (az login, managed identity, workload identity, environment).</summary>
    DefaultAzureCredential,
}

/// <summary>
/// The one place that decides the upstream credential (DESIGN.md §2, <c>AZURE_AUTH</c>):
/// <code>
/// OpenAI-compatible                      the key, or none
/// Azure, AZURE_AUTH=key                  the key
/// Azure, AZURE_AUTH=entra or unset:
///   AZURE_OPENAI_AD_TOKEN set            that static token (it wins: setting it is deliberate)
///   AZURE_AUTH unset and a key set       the key
///   otherwise                            DefaultAzureCredential
/// </code>
/// </summary>
internal static class UpstreamCredential
{
    /// <summary>Entra ID tokens for Azure OpenAI are issued for this scope.</summary>
    public const string Scope = "https://cognitiveservices.azure.com/.default";

    public static UpstreamCredentialKind Resolve(ProxySettings settings)
    {
        if (settings.Provider != ProviderKind.Azure) return settings.ApiKey is null ? UpstreamCredentialKind.None : UpstreamCredentialKind.ApiKey;
        if (settings.AzureAuth == AzureAuthMode.Key) return UpstreamCredentialKind.ApiKey;
        if (settings.AzureAdToken is not null) return UpstreamCredentialKind.StaticEntraToken;
        if (settings.AzureAuth is null && settings.ApiKey is not null) return UpstreamCredentialKind.ApiKey;
        return UpstreamCredentialKind.DefaultAzureCredential;
    }

    public static bool IsEntra(UpstreamCredentialKind kind) =>
        kind is UpstreamCredentialKind.StaticEntraToken or UpstreamCredentialKind.DefaultAzureCredential;

    /// <summary>For <c>status</c>, <c>config</c> and the startup line: which credential, never the secret.</summary>
    public static string Describe(UpstreamCredentialKind kind) => kind switch
    {
        UpstreamCredentialKind.ApiKey => "key",
        UpstreamCredentialKind.StaticEntraToken => "Entra ID (static token, AZURE_OPENAI_AD_TOKEN)",
        UpstreamCredentialKind.DefaultAzureCredential => "Entra ID via DefaultAzureCredential (az login, managed identity, …)",
        _ => "none",
    };
}
