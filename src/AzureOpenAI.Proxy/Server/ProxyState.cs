using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Proxy.Upstream;
using AzureOpenAI.Translation.Mapping;

namespace AzureOpenAI.Proxy.Server;

/// <summary>What the endpoints share for the life of the process: settings, routing, the provider and what it taught us.</summary>
internal sealed class ProxyState
{
    public ProxyState(ProxySettings settings, ProxyHostOptions host)
    {
        Settings = settings;
        Host = host;
        Router = new ModelRouter(settings.BigModel, settings.MiddleModel, settings.SmallModel);
        Profile = ProviderProfile.From(settings);
        MissingEndpoint = ProviderSetup.MissingEndpoint(settings);
        ApiStyles = new DeploymentApiStyles(settings);
        Capture = settings.CaptureDirectory is { } captures ? new RequestCapture(captures) : null;
        Options = Profile is null ? null : new DeploymentOptionsFactory(settings, Profile, LearnedLimits);
        EntraTokens = Profile is not null && UpstreamCredential.IsEntra(settings.Credential)
            ? EntraTokenCache.For(settings.Credential, settings, host.TimeProvider) : null;
    }

    public ProxySettings Settings { get; }
    public ProxyHostOptions Host { get; }
    public ModelRouter Router { get; }
    public ProviderProfile? Profile { get; }
    public LearnedOutputLimits LearnedLimits { get; } = new();
    public DeploymentOptionsFactory? Options { get; }
    public DeploymentApiStyles ApiStyles { get; }

    /// <summary>Writes each raw request when <c>AZURE_OPENAI_CAPTURE_DIR</c> is set (debug only), else null.</summary>
    public RequestCapture? Capture { get; }

    /// <summary>The shared Entra ID token cache when the upstream credential is Entra ID, else null.</summary>
    public EntraTokenCache? EntraTokens { get; }

    /// <summary>Why no call can reach the provider, or null when it can.</summary>
    public string? MissingEndpoint { get; }

    /// <summary><c>azure</c>, <c>openai</c>, or <c>unconfigured</c> before OPENAI_BASE_URL is set.</summary>
    public string ProviderName => Profile is null ? "unconfigured" : Profile.Kind == ProviderKind.Azure ? "azure" : "openai";
}
