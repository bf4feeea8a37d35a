namespace AzureOpenAI.Translation.Mapping;

/// <summary>
/// The maximum completion tokens of known model families (OpenAI model pages and Azure's model tables), matched by
/// the longest name prefix. Azure deployment names are arbitrary, so a miss is normal: the proxy then learns the limit
/// from the upstream's "supports at most N completion tokens" 400 instead.
/// </summary>
public static class ModelOutputLimits
{
    /// <summary>Family prefix → max completion tokens. Longer prefixes win (gpt-4o-2024-05-13 before gpt-4o before gpt-4).</summary>
    private static readonly (string Prefix, int MaxTokens)[] Table =
    [
        ("gpt-35-turbo", 4096),
        ("gpt-3.5-turbo", 4096),
        ("gpt-4", 8192),
        ("gpt-4-32k", 32768),
        ("gpt-4-turbo", 4096),
        ("gpt-4-1106", 4096),
        ("gpt-4-0125", 4096),
        ("gpt-4o", 16384),
        ("gpt-4o-2024-05-13", 4096),
        ("gpt-4o-mini", 16384),
        ("gpt-4.1", 32768),
        ("gpt-4.5", 16384),
        ("o1", 100000),
        ("o1-mini", 65536),
        ("o1-preview", 32768),
        ("o3", 100000),
        ("o3-mini", 100000),
        ("o4-mini", 100000),
        ("gpt-5", 128000),
        ("gpt-5-chat", 16384),
        ("gpt-5.1", 128000),
        ("gpt-5.1-chat", 16384),
        ("gpt-5.2", 128000),
        ("gpt-5.2-chat", 16384),
        ("deepseek-chat", 8192),
        ("deepseek-reasoner", 65536),
    ];

    /// <summary>The output limit of <paramref name="model"/>'s family, or null when the name is not a known family.</summary>
    public static int? For(string model) => FamilyTable.Find(Table, model);
}
