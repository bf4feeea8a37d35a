namespace AzureOpenAI.Proxy.Configuration;

/// <summary>How the proxy authenticates to Azure OpenAI (<c>AZURE_AUTH</c>).</summary>
internal enum AzureAuthMode
{
    /// <summary>The resource's API key, sent as <c>api-key</c>.</summary>
    Key,

    /// <summary>A Microsoft Entra ID bearer token (Azure.Identity, or a static <c>AZURE_OPENAI_AD_TOKEN</c>).</summary>
    Entra,
}
