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
            ApiStyle: new SettingsReader(snapshot.Config).Text(SettingNames.ApiStyle)!,
            ApiVersion: azure ? settings!.EffectiveAzureApiVersion : null,
            BigModel: settings?.BigModel,
            MiddleModel: settings?.MiddleModel,
            SmallModel: settings?.SmallModel,
            UpstreamAuth: settings is null ? "unknown: the configuration is invalid" : UpstreamCredential.Describe(settings.Credential),
            ClientTokenRequired: settings?.ProxyAuthToken is not null)
        {
            ApiOf = deployment => settings is null || deployment is null ? null
                : DeploymentApiStyles.Configured(settings.ApiStyle, settings.ResponsesModels, deployment) == Configuration.ApiStyle.Responses ? "responses" : "chat",
        };
    }

    /// <summary><c>chat</c> or <c>responses</c>: the API configuration selects for a deployment (null when unknown).</summary>
    public Func<string?, string?> ApiOf { get; init; } = _ => null;

    /// <summary>A deployment as status shows it: <c>gpt-5-codex (responses)</c>; Chat deployments unmarked.</summary>
    public string Describe(string? deployment) =>
        deployment is null ? "(not set)" : ApiOf(deployment) == "responses" ? $"{deployment} (responses)" : deployment;

    /// <summary>big, middle and small with the API each uses, e.g. <c>big=gpt-5-codex (responses) middle=gpt-5-mini small=gpt-4o-mini</c>.</summary>
    public string DeploymentsLine => $"big={Describe(BigModel)} middle={Describe(MiddleModel)} small={Describe(SmallModel)}";
}
