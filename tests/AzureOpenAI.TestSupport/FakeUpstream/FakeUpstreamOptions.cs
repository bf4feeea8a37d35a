namespace AzureOpenAI.TestSupport.FakeUpstream;

/// <summary>A deployment (Azure) or model (OpenAI-compatible) the fake serves, and the model family behind it.</summary>
/// <param name="Name">Deployment name on Azure URLs, <c>model</c> in the body on v1 and OpenAI-compatible URLs.</param>
/// <param name="Model">The model behind it, which decides the reasoning-model rules (<c>my-gpt4</c> → <c>gpt-4o</c>).</param>
/// <param name="MaxCompletionTokens">Above this, <c>max_tokens</c>/<c>max_completion_tokens</c> is rejected with the real wording.</param>
/// <param name="Provisioned">A provisioned (PTU) deployment, which may name a spillover deployment (<see cref="SpilloverRules"/>).</param>
/// <param name="DataProcessing"><c>Global</c>, <c>DataZone</c> or <c>Regional</c>: a spillover pair must match.</param>
public sealed record FakeDeployment(string Name, string Model, int MaxCompletionTokens, bool Provisioned = false, string DataProcessing = "Global");

/// <summary>What the fake accepts. Mutable before <see cref="FakeUpstreamServer.StartAsync"/>; read per request.</summary>
public sealed class FakeUpstreamOptions
{
    /// <summary>The only key accepted (as <c>api-key</c> on Azure URLs, as <c>Authorization: Bearer</c> on v1 and OpenAI URLs).</summary>
    public string ApiKey { get; set; } = "test-upstream-key";

    /// <summary>An Entra ID token accepted as <c>Authorization: Bearer</c> on Azure deployment URLs; null: none.</summary>
    public string? EntraToken { get; set; }

    public Dictionary<string, FakeDeployment> Deployments { get; } = new(StringComparer.Ordinal)
    {
        ["gpt-4o"] = new("gpt-4o", "gpt-4o", 16384),
        ["gpt-4.1"] = new("gpt-4.1", "gpt-4.1", 32768),
        ["gpt-4o-mini"] = new("gpt-4o-mini", "gpt-4o-mini", 16384),
        ["o3-mini"] = new("o3-mini", "o3-mini", 100000),
        ["o4-mini"] = new("o4-mini", "o4-mini", 100000),
        ["gpt-5"] = new("gpt-5", "gpt-5", 128000),
        ["gpt-5-mini"] = new("gpt-5-mini", "gpt-5-mini", 128000),
        ["gpt-5-codex"] = new("gpt-5-codex", "gpt-5-codex", 128000),
    };

    /// <summary>Model-name prefixes with the reasoning-model rules (no max_tokens, only default temperature/top_p).</summary>
    public List<string> ReasoningModelPrefixes { get; } = ["o1", "o3", "o4", "gpt-5"];

    /// <summary>
    /// Models served only by the Responses API (PROTOCOL.md §3.5), matched as name prefixes: the chat route answers
    /// them with Azure's 400 <c>OperationNotSupported</c>.
    /// </summary>
    public List<string> ResponsesOnlyModelPrefixes { get; } =
        ["codex-mini", "o3-pro", "gpt-5-pro", "gpt-5-codex", "gpt-5.1-codex", "gpt-5.2-codex"];

    /// <summary>The first dated api-version that serves <c>/openai/responses</c>; older ones answer 404.</summary>
    public string ResponsesMinimumApiVersion { get; set; } = "2025-03-01-preview";

    /// <summary>api-version values accepted on deployment URLs; a missing one is 404, another one 400 (as Azure answers).</summary>
    public HashSet<string> ApiVersions { get; } = new(StringComparer.Ordinal)
    {
        "2024-06-01", "2024-10-21", "2024-12-01-preview", "2025-01-01-preview", "2025-03-01-preview", "2025-04-01-preview",
    };

    /// <summary>
    /// Parameters an older dated api-version does not know, with the first api-version that accepts them; on deployment URLs
    /// an older version answers "Unrecognized request argument". <c>stream_options</c> is deliberately absent: the GA spec
    /// (2024-10-21) omits it, but the service accepts it there (it arrived in 2024-09-01-preview), and the proxy relies on it.
    /// </summary>
    public Dictionary<string, string> ParameterMinimumApiVersion { get; } = new(StringComparer.Ordinal)
    {
        ["reasoning_effort"] = "2024-12-01-preview",
        ["store"] = "2024-12-01-preview",
        ["metadata"] = "2024-12-01-preview",
        ["prediction"] = "2025-01-01-preview",
        // Not in the 2024-10-21 GA spec; the proxy sends it only on v1, so the exact first dated version does not matter.
        ["prompt_cache_key"] = "2025-04-01-preview",
    };

    /// <summary>The first dated api-version with <c>file</c> content parts; older ones answer <c>Invalid value: 'file'</c>.</summary>
    public string FilePartsMinimumApiVersion { get; set; } = "2025-03-01-preview";

    /// <summary>Validate bodies against CreateChatCompletionRequest (and, on deployment URLs, the Azure spec). Needs ../shared.</summary>
    public bool ValidateAgainstSpecs { get; set; } = true;

    /// <summary>Adds or replaces a deployment.</summary>
    public FakeUpstreamOptions WithDeployment(string name, string model, int maxCompletionTokens = 16384, bool provisioned = false,
        string dataProcessing = "Global")
    {
        Deployments[name] = new FakeDeployment(name, model, maxCompletionTokens, provisioned, dataProcessing);
        return this;
    }

    internal bool IsResponsesOnlyModel(string model) =>
        ResponsesOnlyModelPrefixes.Exists(p => model.StartsWith(p, StringComparison.OrdinalIgnoreCase));

    internal bool IsReasoningModel(string model) =>
        ReasoningModelPrefixes.Exists(p => model.StartsWith(p, StringComparison.OrdinalIgnoreCase));
}
