namespace AzureOpenAI.Proxy.Configuration;

/// <summary>Which wire dialect the upstream speaks (DESIGN.md §2 URL rules).</summary>
internal enum ProviderKind
{
    /// <summary>Any OpenAI-compatible Chat Completions server: <c>{base}/chat/completions</c>, Bearer auth.</summary>
    OpenAI,

    /// <summary>Azure OpenAI: deployment URLs with a dated <c>api-version</c>, or the v1 API; <c>api-key</c> auth.</summary>
    Azure,
}
