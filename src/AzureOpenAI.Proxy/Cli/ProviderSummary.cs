using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Proxy.Upstream;

namespace AzureOpenAI.Proxy.Cli;

/// <summary>The provider side of the configuration in words safe to show anyone (no key, no token, no URL path).</summary>
internal sealed record ProviderSummary(
    string Provider, string? EndpointHost, string ApiStyle, string? ApiVersion,
    string? BigModel, string? MiddleModel, string? SmallModel, string UpstreamAuth, bool ClientTokenRequired)
{
    public static ProviderSummary From(ConfigSnapshot snapshot)
    {
        var settings = snapshot.Settings;
        var azure = settings?.Provider == ProviderKind.Azure;
        return new ProviderSummary(
            Provider: settings?.BaseUrl is null ? "not configured" : azure ? "azure" : "openai-compatible",
            EndpointHost: settings?.BaseUrl?.Authority,
            ApiStyle: snapshot.Config.Get("API_STYLE") ?? "chat",
            ApiVersion: azure ? settings!.EffectiveAzureApiVersion : null,
            BigModel: settings?.BigModel,
            MiddleModel: settings?.MiddleModel,
            SmallModel: settings?.SmallModel,
            UpstreamAuth: settings is null ? "unknown: the configuration is invalid" : UpstreamCredential.Describe(UpstreamCredential.Resolve(settings)),
            ClientTokenRequired: settings?.ProxyAuthToken is not null);
    }
}
