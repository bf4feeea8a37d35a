namespace AzureOpenAI.Translation.Mapping;

/// <summary>
/// Everything the request mappers need to know about the upstream deployment, decided by the proxy from
/// configuration and model routing. The mappers themselves read no configuration and trust these answers.
/// </summary>
public sealed record DeploymentOptions
{
    /// <summary>The deployment (Azure) or model id (OpenAI-compatible) the request goes to.</summary>
    public required string Deployment { get; init; }

    /// <summary>False for Azure deployment URLs (<c>/openai/deployments/{d}/…</c>), where the body carries no <c>model</c>.</summary>
    public bool SendModel { get; init; } = true;

    /// <summary>
    /// The one answer to "is this a reasoning model" (<c>REASONING_MODELS</c> prefixes and the Responses-only families):
    /// <c>max_completion_tokens</c>, no sampling parameters, reasoning effort and summaries.
    /// </summary>
    public bool IsReasoningModel { get; init; }

    /// <summary>The upper clamp for <c>max_tokens</c>: min(MAX_TOKENS_LIMIT, the deployment's known or learned limit).</summary>
    public required int MaxTokensLimit { get; init; }

    /// <summary>
    /// An opaque id of the deployment (endpoint and name) the request goes to, recorded in the reasoning signatures it
    /// issues; reasoning issued elsewhere is not replayed (<see cref="ReasoningSignature"/>). Null: replay everything.
    /// </summary>
    public string? ReasoningIssuer { get; init; }

    /// <summary>Echo assistant thinking back as <c>reasoning_content</c> (DeepSeek requires it in tool loops).</summary>
    public bool EchoReasoningContent { get; init; }

    /// <summary>
    /// Merge consecutive same-role messages before sending (strict providers reject repeated roles);
    /// Anthropic merges them too, so this never changes meaning.
    /// </summary>
    public bool MergeConsecutiveRoles { get; init; } = true;

    /// <summary>
    /// The upstream accepts <c>prompt_cache_key</c> (OpenAI, Azure v1); strict dated Azure api-versions such as 2024-10-21
    /// answer "Unrecognized request argument", so it is sent only where known.
    /// </summary>
    public bool AcceptsPromptCacheKey { get; init; }

    /// <summary>
    /// The upstream takes <c>file</c> content parts (PDFs). Dated Azure api-versions before 2025 do not; there, and on a
    /// deployment whose 400 taught the proxy so, each PDF is sent as its text (<see cref="PdfTextFallback"/>).
    /// </summary>
    public bool AcceptsFileParts { get; init; } = true;

    /// <summary>The JSON Schema the provider's tool validator accepts (<see cref="ToolSchemaCleaner"/>).</summary>
    public ToolSchemaDialect ToolSchemaDialect { get; init; } = ToolSchemaDialect.OpenAI;
}
