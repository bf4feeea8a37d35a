using System.Security.Cryptography;
using System.Text;
using AzureOpenAI.Translation.Mapping;

namespace AzureOpenAI.Proxy.Upstream.Pools;

/// <summary>What a backend is configured as, beyond its endpoint and credential (<see cref="ProviderProfile"/>).</summary>
internal sealed record BackendSpec
{
    public int Priority { get; init; } = 1;
    public int Weight { get; init; } = 1;
    public string? DataZone { get; init; }
    public int? ContextWindow { get; init; }
    public int? MaxOutputTokens { get; init; }
    public int? MaxOutputReservation { get; init; }
    public string? SpilloverDeployment { get; init; }
}

/// <summary>
/// One deployment on one endpoint, with its own credential and API style, and what the proxy learns about it while it
/// runs: cool-down, circuit, remaining tokens, traffic served. The single deployment of the settings is a backend too.
/// </summary>
internal sealed class Backend
{
    public const string SpilloverHeader = "x-ms-spillover-deployment";

    private readonly ResponsesApi _responses;

    public Backend(string deployment, ProviderProfile profile, BackendSpec spec, DeploymentApiStyles apiStyles, TimeProvider time)
    {
        Deployment = deployment;
        Profile = profile;
        Spec = spec;
        ApiStyles = apiStyles;
        Name = $"{profile.EndpointHost}/{deployment}";
        ReasoningIssuer = IssuerOf(Name);
        _responses = new ResponsesApi(ReasoningIssuer);
        Cooldown = new BackendCooldown(time);
        Circuit = new BackendCircuit(time);
        Headroom = new TokenHeadroom(time);
        Served = new HourlyCount(time);
        LeftBy = new HourlyCount(time);
    }

    public string Deployment { get; }
    public ProviderProfile Profile { get; }
    public BackendSpec Spec { get; }
    public DeploymentApiStyles ApiStyles { get; }

    /// <summary><c>host/deployment</c>, as logs and <c>status</c> name it.</summary>
    public string Name { get; }

    /// <summary>An opaque id of this backend, recorded in the reasoning signatures it issues.</summary>
    public string ReasoningIssuer { get; }

    public int? ContextWindow => Spec.ContextWindow ?? ModelContextWindows.For(Deployment);

    public BackendCooldown Cooldown { get; }
    public BackendCircuit Circuit { get; }
    public TokenHeadroom Headroom { get; }
    public HourlyCount Served { get; }

    /// <summary>Requests that failed over from this backend to another (or found no other).</summary>
    public HourlyCount LeftBy { get; }

    /// <summary>The API this backend is called through now (a Responses-only deployment may have been switched).</summary>
    public IUpstreamApi Api => ApiStyles.For(Deployment) is ResponsesApi ? _responses : ChatCompletionsApi.Instance;

    /// <summary>
    /// Adds the credential and static headers, and on Chat Completions the spillover deployment: Azure has no
    /// spillover on Responses, so a deployment switched to Responses goes without it.
    /// </summary>
    public void Prepare(HttpRequestMessage message, IUpstreamApi api)
    {
        Profile.Authenticate(message);
        if (Spec.SpilloverDeployment is { } spillover && api is ChatCompletionsApi)
            message.Headers.TryAddWithoutValidation(SpilloverHeader, spillover);
    }

    /// <summary>Neither cooling down nor behind an open circuit.</summary>
    public bool IsAvailable => !Cooldown.IsCooling && !Circuit.IsOpen;

    private static string IssuerOf(string name) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)).AsSpan(0, 6));
}
