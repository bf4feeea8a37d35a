namespace AzureOpenAI.Translation.Mapping;

/// <summary>Classifies a deployment or model id by its name, for the parameter rules of PROTOCOL.md §3.5.</summary>
public static class ModelFamilies
{
    /// <summary>
    /// True when <paramref name="deployment"/> starts with one of <paramref name="prefixes"/> (case-insensitive) and the
    /// prefix ends at a boundary (end, <c>-</c>, <c>.</c>, <c>_</c>, <c>:</c>), so <c>o3-mini</c>, <c>gpt-5.1</c> and
    /// <c>o1</c> match but <c>o3d-renderer</c> and <c>gpt-50</c> do not. Azure deployment names are arbitrary: a deployment called
    /// <c>my-gpt5</c> needs its own entry in <c>REASONING_MODELS</c> (whose default the proxy's configuration holds).
    /// </summary>
    public static bool IsReasoning(string deployment, IEnumerable<string> prefixes)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(prefixes);
        foreach (var prefix in prefixes)
            if (StartsWithFamily(deployment, prefix)) return true;
        return false;
    }

    /// <summary>
    /// True for the families served only by the Responses API (<c>codex-mini</c>, <c>o3-pro</c>, <c>gpt-5-pro</c>,
    /// <c>gpt-5*-codex*</c>): Azure answers their chat requests with <c>OperationNotSupported</c>.
    /// </summary>
    public static bool IsResponsesOnly(string deployment) => ModelParameterRules.Find(deployment)?.ResponsesOnly == true;

    /// <summary>Matches the model part of provider-qualified ids too (<c>openai/o4-mini</c> on OpenRouter or LiteLLM).</summary>
    internal static bool StartsWithFamily(string qualifiedName, string prefix)
    {
        var name = qualifiedName.AsSpan(qualifiedName.LastIndexOf('/') + 1);
        if (prefix.Length == 0 || !name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return false;
        if (name.Length == prefix.Length) return true;
        var next = name[prefix.Length];
        return next is '-' or '.' or '_' or ':';
    }
}
