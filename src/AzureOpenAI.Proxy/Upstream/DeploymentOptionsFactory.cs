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
    /// <summary>Deployments whose api-version has no <c>file</c> part, known or learned from a 400.</summary>
    public LearnedFileSupport FileSupport { get; } = new();

    public DeploymentOptions For(Backend backend, PromptMeasure prompt)
    {
        var deployment = backend.Deployment;
        var profile = backend.Profile;
        return new DeploymentOptions
        {
            Deployment = deployment,
            SendModel = profile.SendsModel,
            // Every Responses-only family reasons (codex-mini has no REASONING_MODELS prefix), whatever the configured list says.
            IsReasoningModel = ModelFamilies.IsReasoning(deployment, settings.ReasoningModels) || ModelFamilies.IsResponsesOnly(deployment),
            MaxTokensLimit = backend.Headroom.Reserve(prompt.Tokens, OutputCap(backend),
                Math.Min(backend.Spec.MaxOutputReservation ?? settings.MaxOutputReservation, prompt.MaxTokens ?? int.MaxValue),
                settings.MinOutputReservation),
            EchoReasoningContent = profile.EchoesReasoningContent(deployment),
            ReasoningIssuer = backend.ReasoningIssuer,
            AcceptsFileParts = !LearnedFileSupport.IsKnownWithoutFiles(profile) && FileSupport.TakesFiles(deployment),
            AcceptsPromptCacheKey = IsOpenAIService(profile) || (profile.Kind == ProviderKind.Azure && !profile.UsesDeploymentUrls),
            // OpenAI's and Azure's validators reject schema keywords other OpenAI-compatible servers accept.
            ToolSchemaDialect = profile.Kind == ProviderKind.Azure || IsOpenAIService(profile) ? ToolSchemaDialect.OpenAI : ToolSchemaDialect.Compatible,
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

    private static bool IsOpenAIService(ProviderProfile profile) => profile.Kind == ProviderKind.OpenAI && profile.EndpointHost == "api.openai.com";
}
