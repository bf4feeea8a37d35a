using System.Net;
using AzureOpenAI.Proxy.Configuration;

namespace AzureOpenAI.Proxy.Upstream;

/// <summary>
/// Missing provider settings do not stop <c>serve</c>: the proxy starts, and each <c>/v1/messages</c> call answers
/// with the message built here, which names exactly what to set and how.
/// </summary>
internal static class ProviderSetup
{
    private const string Hint = "run `azure-openai setup`, or set it in the environment or in .env";

    /// <summary>What is missing to reach the provider at all, or null when the endpoint and its credential are set.</summary>
    public static string? MissingEndpoint(ProxySettings settings)
    {
        if (settings.BaseUrl is null)
            return $"{SettingNames.BaseUrl} is not set: {Hint} (e.g. {SettingNames.BaseUrl}=https://<resource>.openai.azure.com for Azure, "
                + "https://api.openai.com/v1 or http://localhost:11434/v1 for an OpenAI-compatible server)";
        // An Azure endpoint without a key means Entra ID (UpstreamCredential), unless AZURE_AUTH=key asks for the key.
        if (settings.ApiKey is null && UpstreamCredential.Resolve(settings) == UpstreamCredentialKind.ApiKey)
            return $"{SettingNames.ApiKey} is not set but {SettingNames.AzureAuth}=key: {Hint} ({SettingNames.ApiKey}=<key of {settings.BaseUrl.Host}>, "
                + $"or {SettingNames.AzureAuth}=entra to sign in with Microsoft Entra ID)";
        if (settings.ApiKey is null && settings.Provider != ProviderKind.Azure && !IsLocal(settings.BaseUrl))
            return $"{SettingNames.ApiKey} is not set: {Hint} ({SettingNames.ApiKey}=<key of {settings.BaseUrl.Host}>)";
        return null;
    }

    /// <summary>The message for a Claude model name that no tier deployment serves.</summary>
    public static string MissingDeployment(string requestedModel) =>
        $"no deployment is configured for model \"{requestedModel}\": {Hint} "
        + $"({SettingNames.BigModel} serves opus, {SettingNames.MiddleModel} sonnet, {SettingNames.SmallModel} haiku, "
        + "e.g. MIDDLE_MODEL=<your deployment name>)";

    /// <summary>A server on this machine (Ollama, vLLM, LM Studio) usually needs no key.</summary>
    private static bool IsLocal(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.Host, out var address) && IPAddress.IsLoopback(address));
}
