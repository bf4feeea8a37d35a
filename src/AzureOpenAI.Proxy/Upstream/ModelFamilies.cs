namespace AzureOpenAI.Proxy.Upstream;

// INTEGRATION: interim copy. The request-mapping helper adds ModelFamilies to AzureOpenAI.Translation; when it lands,
// delete this file (this namespace's type shadows the imported one until then).
/// <summary>Reasoning models (o1/o3/o4/gpt-5 and REASONING_MODELS prefixes) take max_completion_tokens and no sampling.</summary>
internal static class ModelFamilies
{
    /// <summary>True when <paramref name="deployment"/>, or its last <c>/</c> segment (<c>openai/o3</c>), starts with a prefix.</summary>
    public static bool IsReasoning(string deployment, IReadOnlyList<string> prefixes)
    {
        var name = deployment[(deployment.LastIndexOf('/') + 1)..];
        foreach (var prefix in prefixes)
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }
}
