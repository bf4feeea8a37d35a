using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Translation.Mapping;

namespace AzureOpenAI.Proxy.Upstream;

/// <summary>Decides the <see cref="DeploymentOptions"/> for a deployment from configuration, model family and what was learned.</summary>
internal sealed class DeploymentOptionsFactory(ProxySettings settings, ProviderProfile profile, LearnedOutputLimits learned)
{
    /// <summary>Deployments whose api-version has no <c>file</c> part, known or learned from a 400.</summary>
    public LearnedFileSupport FileSupport { get; } = new();

    public DeploymentOptions For(string deployment)
    {
        // max_tokens clamp = min(MAX_TOKENS_LIMIT, the family's known limit, the limit the upstream taught us).
        var limit = settings.MaxTokensLimit;
        if (ModelOutputLimits.For(deployment) is { } known) limit = Math.Min(limit, known);
        if (learned.Find(deployment) is { } taught) limit = Math.Min(limit, taught);
        return new DeploymentOptions
        {
            Deployment = deployment,
            SendModel = profile.SendsModel,
            // Every Responses-only family reasons (codex-mini has no REASONING_MODELS prefix), whatever the configured list says.
            IsReasoningModel = ModelFamilies.IsReasoning(deployment, settings.ReasoningModels) || ModelFamilies.IsResponsesOnly(deployment),
            MaxTokensLimit = limit,
            EchoReasoningContent = profile.EchoesReasoningContent(deployment),
            AcceptsFileParts = !LearnedFileSupport.IsKnownWithoutFiles(profile) && FileSupport.TakesFiles(deployment),
            AcceptsPromptCacheKey = IsOpenAIService || (profile.Kind == ProviderKind.Azure && !profile.UsesDeploymentUrls),
            // OpenAI's and Azure's validators reject schema keywords other OpenAI-compatible servers accept.
            ToolSchemaDialect = profile.Kind == ProviderKind.Azure || IsOpenAIService ? ToolSchemaDialect.OpenAI : ToolSchemaDialect.Compatible,
        };
    }

    private bool IsOpenAIService => profile.Kind == ProviderKind.OpenAI && profile.EndpointHost == "api.openai.com";
}
