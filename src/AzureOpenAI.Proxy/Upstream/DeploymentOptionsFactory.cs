using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Proxy.Upstream.Pools;
using AzureOpenAI.Translation.Mapping;

namespace AzureOpenAI.Proxy.Upstream;

/// <summary>
/// Decides the <see cref="DeploymentOptions"/> for a request to a backend from configuration, model family and what was
/// learned, and books its output reservation against the backend's tokens-per-minute (<see cref="TokenHeadroom"/>).
/// </summary>
internal sealed class DeploymentOptionsFactory(ProxySettings settings, LearnedOutputLimits learned)
{
    /// <summary>The constructor the <c>test</c> verb's direct probe (Cli/ProviderProbe) calls; the profile now comes with each backend.</summary>
    public DeploymentOptionsFactory(ProxySettings settings, ProviderProfile profile, LearnedOutputLimits learned) : this(settings, learned)
    {
        ArgumentNullException.ThrowIfNull(profile);
    }

    public DeploymentOptions For(Backend backend, PromptMeasure prompt)
    {
        var deployment = backend.Deployment;
        return new DeploymentOptions
        {
            Deployment = deployment,
            SendModel = backend.Profile.SendsModel,
            // Every Responses-only family reasons (codex-mini has no REASONING_MODELS prefix), whatever the configured list says.
            IsReasoningModel = ModelFamilies.IsReasoning(deployment, settings.ReasoningModels) || ModelFamilies.IsResponsesOnly(deployment),
            MaxTokensLimit = backend.Headroom.Reserve(prompt.Tokens, OutputCap(backend),
                Math.Min(backend.Spec.MaxOutputReservation ?? settings.MaxOutputReservation, prompt.MaxTokens ?? int.MaxValue),
                settings.MinOutputReservation),
            EchoReasoningContent = backend.Profile.EchoesReasoningContent(deployment),
            ReasoningIssuer = backend.ReasoningIssuer,
        };
    }

    /// <summary>min(MAX_TOKENS_LIMIT, the configured or family's known cap, the cap the upstream taught us).</summary>
    private int OutputCap(Backend backend)
    {
        var cap = settings.MaxTokensLimit;
        if ((backend.Spec.MaxOutputTokens ?? ModelOutputLimits.For(backend.Deployment)) is { } known) cap = Math.Min(cap, known);
        if (learned.Find(backend.Deployment) is { } taught) cap = Math.Min(cap, taught);
        return cap;
    }
}
