namespace AzureOpenAI.Proxy.Configuration;

/// <summary>
/// <c>PROVIDER=auto</c>: Azure when an api-version is configured or the endpoint is an Azure host. An APIM gateway
/// (<c>*.azure-api.net</c>) counts: it fronts Azure OpenAI with Azure's URLs and <c>api-key</c>.
/// </summary>
internal static class ProviderDetection
{
    private static readonly string[] AzureHostSuffixes = [".openai.azure.com", ".cognitiveservices.azure.com", ".services.ai.azure.com", ".azure-api.net"];

    public static ProviderKind Detect(Uri? baseUrl, string? azureApiVersion) =>
        azureApiVersion is not null || (baseUrl is not null && IsAzureHost(baseUrl.Host)) ? ProviderKind.Azure : ProviderKind.OpenAI;

    public static bool IsAzureHost(string host)
    {
        foreach (var suffix in AzureHostSuffixes)
            if (host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }
}
