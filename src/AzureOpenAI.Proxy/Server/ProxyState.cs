using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Proxy.Upstream;
using AzureOpenAI.Proxy.Upstream.Pools;
using AzureOpenAI.Translation.Mapping;
using Microsoft.Extensions.Logging;

namespace AzureOpenAI.Proxy.Server;

/// <summary>What the endpoints share for the life of the process: settings, routing, the backends and what they taught us.</summary>
internal sealed class ProxyState
{
    public ProxyState(ProxySettings settings, ProxyHostOptions host)
    {
        Settings = settings;
        Host = host;
        var single = ProviderProfile.From(settings);
        MissingEndpoint = ProviderSetup.MissingEndpoint(settings);
        ApiStyles = new DeploymentApiStyles(settings);
        Capture = settings.CaptureDirectory is { } captures ? new RequestCapture(captures) : null;
        EntraTokens = single is not null && UpstreamCredential.IsEntra(settings.Credential)
            ? EntraTokenCache.For(settings.Credential, settings, host.TimeProvider) : null;
        Pools = new BackendPools(settings, MissingEndpoint is null ? single : null, ApiStyles, EntraTokens, host.TimeProvider);
        Profile = single ?? Pools.DefaultProfile;
        Router = new ModelRouter(Pools.RouteOf("big") ?? settings.BigModel, Pools.RouteOf("middle") ?? settings.MiddleModel,
            Pools.RouteOf("small") ?? settings.SmallModel);
        Options = new DeploymentOptionsFactory(settings, LearnedLimits);
    }

    public ProxySettings Settings { get; }
    public ProxyHostOptions Host { get; }
    public ModelRouter Router { get; }

    /// <summary>The settings' endpoint, else the first pools.json backend's (what errors without a backend name); null: nothing configured.</summary>
    public ProviderProfile? Profile { get; }

    /// <summary>The pools.json tiers, and the settings' deployments as pools of one.</summary>
    public BackendPools Pools { get; }

    public BackendSelector Selector { get; } = new(new Random());
    public LearnedOutputLimits LearnedLimits { get; } = new();
    public DeploymentOptionsFactory Options { get; }
    public DeploymentApiStyles ApiStyles { get; }

    /// <summary>Writes each raw request when <c>AZURE_OPENAI_CAPTURE_DIR</c> is set (debug only), else null.</summary>
    public RequestCapture? Capture { get; }

    /// <summary>The shared Entra ID token cache when the upstream credential is Entra ID, else null.</summary>
    public EntraTokenCache? EntraTokens { get; }

    /// <summary>Why no call can reach the settings' endpoint, or null when it can (pools.json tiers do not need it).</summary>
    public string? MissingEndpoint { get; }

    /// <summary><c>azure</c>, <c>openai</c>, or <c>unconfigured</c> before OPENAI_BASE_URL is set.</summary>
    public string ProviderName => Profile is null ? "unconfigured" : Profile.Kind == ProviderKind.Azure ? "azure" : "openai";

    /// <summary>The upstream path of <c>/v1/messages</c>: the pools over one sender.</summary>
    public PooledUpstreamClient CreateUpstream(HttpClient http, ILogger logger) =>
        new(new UpstreamClient(http, Options, LearnedLimits, Settings.RequestTimeout, logger), Pools, Selector,
            ContextWindowGuard.Default, Settings.RequestTimeout, Host.TimeProvider);
}
