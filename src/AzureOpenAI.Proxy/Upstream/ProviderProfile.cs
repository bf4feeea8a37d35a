using System.Net.Http.Headers;
using AzureOpenAI.Proxy.Configuration;

namespace AzureOpenAI.Proxy.Upstream;

/// <summary>
/// Where and how a Chat Completions request is sent (DESIGN.md §2 URL rules):
/// <code>
/// Azure, dated version   {base}/openai/deployments/{deployment}/chat/completions?api-version=V   api-key   no "model"
/// Azure, v1              {base}/openai/v1/chat/completions                                       api-key   model = deployment
/// OpenAI-compatible      {base}/chat/completions                                                 Bearer    model
/// </code>
/// Responses API: <c>{base}/openai/responses?api-version=V</c> (dated), <c>{base}/openai/v1/responses</c> (v1),
/// <c>{base}/responses</c> (OpenAI-compatible); the body always carries <c>model</c>, the headers are the same.
/// A base URL pasted with its <c>/openai</c> or <c>/openai/v1</c> suffix (as the Azure portal shows it) is accepted.
/// Any other path is a front door's prefix and kept, as the Azure OpenAI SDKs keep it: an APIM gateway
/// <c>https://apim.example.com/team-a</c> serves <c>https://apim.example.com/team-a/openai/deployments/…</c>.
/// </summary>
internal sealed class ProviderProfile
{
    private readonly string _base;
    private readonly string? _apiKey;

    public ProviderProfile(ProviderKind kind, Uri baseUrl, string? apiVersion, string? apiKey)
    {
        Kind = kind;
        _apiKey = apiKey;
        ApiVersion = kind == ProviderKind.Azure ? apiVersion ?? ProxySettings.AzureV1 : null;
        _base = kind == ProviderKind.Azure ? TrimAzurePath(baseUrl) : baseUrl.AbsoluteUri.TrimEnd('/');
    }

    public ProviderKind Kind { get; }

    /// <summary>Static headers for every request (<c>UPSTREAM_HEADERS</c>, a backend's <c>headers</c>): an APIM subscription key.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>
    /// True for a pools.json backend, whose credential is its own: <see cref="EntraTokens"/> (null: none) replaces the
    /// settings' Entra ID handler. False: the settings' credential, as without pools.
    /// </summary>
    public bool OwnsCredential { get; init; }

    public EntraTokenCache? EntraTokens { get; init; }

    /// <summary>The provider's host, as error messages and the startup line name it.</summary>
    public string EndpointHost => new Uri(_base).Host;

    /// <summary>The Azure api-version in use (<c>v1</c> unless configured), null for OpenAI-compatible providers.</summary>
    public string? ApiVersion { get; }

    public bool UsesDeploymentUrls => Kind == ProviderKind.Azure && !IsV1Family(ApiVersion!);

    /// <summary>False for Azure deployment URLs: the deployment is in the path and the body carries no <c>model</c>.</summary>
    public bool SendsModel => !UsesDeploymentUrls;

    /// <summary>The key goes on requests only when it is the credential in use; Entra ID tokens come from <see cref="EntraAuthHandler"/>.</summary>
    public static ProviderProfile? From(ProxySettings settings) =>
        settings.BaseUrl is null ? null : new ProviderProfile(settings.Provider, settings.BaseUrl, settings.AzureApiVersion,
            settings.Credential == UpstreamCredentialKind.ApiKey ? settings.ApiKey : null) { Headers = settings.UpstreamHeaders };

    public Uri ChatCompletionsUrl(string deployment)
    {
        if (Kind == ProviderKind.OpenAI) return new Uri(_base + "/chat/completions");
        if (UsesDeploymentUrls)
            return new Uri($"{_base}/openai/deployments/{Uri.EscapeDataString(deployment)}/chat/completions?api-version={Uri.EscapeDataString(ApiVersion!)}");
        // v1 needs no api-version; "preview"/"latest" select preview features on the same path.
        var query = ApiVersion == ProxySettings.AzureV1 ? "" : "?api-version=" + Uri.EscapeDataString(ApiVersion!);
        return new Uri($"{_base}/openai/v1/chat/completions{query}");
    }

    public Uri ResponsesUrl()
    {
        if (Kind == ProviderKind.OpenAI) return new Uri(_base + "/responses");
        if (UsesDeploymentUrls) return new Uri($"{_base}/openai/responses?api-version={Uri.EscapeDataString(ApiVersion!)}");
        var query = ApiVersion == ProxySettings.AzureV1 ? "" : "?api-version=" + Uri.EscapeDataString(ApiVersion!);
        return new Uri($"{_base}/openai/v1/responses{query}");
    }

    /// <summary>
    /// Adds the provider's credential and static headers. Keyless OpenAI-compatible servers (Ollama, vLLM) get no auth
    /// header; an APIM front door gets its subscription key beside the key or the Entra ID token.
    /// </summary>
    public void Authenticate(HttpRequestMessage request)
    {
        foreach (var (name, value) in Headers) request.Headers.TryAddWithoutValidation(name, value);
        if (OwnsCredential) request.Options.Set(EntraAuthHandler.BackendTokens, EntraTokens);
        if (_apiKey is null) return;
        if (Kind == ProviderKind.Azure) request.Headers.TryAddWithoutValidation("api-key", _apiKey);
        else request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _apiKey);
    }

    /// <summary>DeepSeek (on its own API or on Azure Foundry) requires the assistant's reasoning echoed back in tool loops.</summary>
    public bool EchoesReasoningContent(string deployment) =>
        _base.Contains("deepseek", StringComparison.OrdinalIgnoreCase) || deployment.Contains("deepseek", StringComparison.OrdinalIgnoreCase);

    private static bool IsV1Family(string apiVersion) => apiVersion is ProxySettings.AzureV1 or "latest" or "preview";

    private static string TrimAzurePath(Uri baseUrl)
    {
        var text = baseUrl.AbsoluteUri.TrimEnd('/');
        foreach (var suffix in (string[])["/openai/v1", "/openai"])
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) return text[..^suffix.Length];
        return text;
    }
}
