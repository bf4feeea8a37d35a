namespace AzureOpenAI.Proxy.Upstream;

// INTEGRATION: interim copy. The request-mapping helper adds ModelOutputLimits to AzureOpenAI.Translation; when it
// lands, delete this file.
/// <summary>Known completion-token limits by model family, matched on the deployment name's prefix.</summary>
internal static class ModelOutputLimits
{
    // Longest prefix first, so gpt-4o-mini is not read as gpt-4.
    private static readonly (string Prefix, int Limit)[] Known =
    [
        ("gpt-4o-mini", 16_384), ("gpt-4o", 16_384), ("gpt-4.1", 32_768), ("gpt-4-turbo", 4_096), ("gpt-4", 8_192),
        ("gpt-35-turbo", 4_096), ("gpt-3.5-turbo", 4_096), ("gpt-5", 128_000), ("o1", 100_000), ("o3", 100_000),
        ("o4", 100_000),
    ];

    public static bool TryGet(string deployment, out int limit)
    {
        var name = deployment[(deployment.LastIndexOf('/') + 1)..];
        foreach (var (prefix, known) in Known)
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                limit = known;
                return true;
            }
        limit = 0;
        return false;
    }
}
