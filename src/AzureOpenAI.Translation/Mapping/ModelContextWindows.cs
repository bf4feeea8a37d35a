namespace AzureOpenAI.Translation.Mapping;

/// <summary>
/// The input window (the most prompt tokens a request may carry) of known model families, from OpenAI's model pages
/// and Azure's model tables, matched by the longest name prefix. Where the context is shared with the output and the
/// pages give no separate input limit, the whole context is the window: a larger number only skips the pre-check, a
/// smaller one would refuse a request the model takes. Unknown deployment names have no window (configure one).
/// </summary>
public static class ModelContextWindows
{
    private static readonly (string Prefix, int InputTokens)[] Table =
    [
        ("gpt-35-turbo", 16385),
        ("gpt-3.5-turbo", 16385),
        ("gpt-4", 8192),
        ("gpt-4-32k", 32768),
        ("gpt-4-turbo", 128000),
        ("gpt-4-1106", 128000),
        ("gpt-4-0125", 128000),
        ("gpt-4o", 128000),
        ("gpt-4o-mini", 128000),
        ("gpt-4.1", 1047576),
        ("gpt-4.5", 128000),
        ("o1", 200000),
        ("o1-mini", 128000),
        ("o1-preview", 128000),
        ("o3", 200000),
        ("o3-mini", 200000),
        ("o4-mini", 200000),
        ("codex-mini", 200000),
        // gpt-5: 400k context, of which at most 272k input (128k is kept for output).
        ("gpt-5", 272000),
        ("gpt-5-chat", 128000),
        ("gpt-5.1", 272000),
        ("gpt-5.1-chat", 128000),
        ("gpt-5.2", 272000),
        ("gpt-5.2-chat", 128000),
        ("deepseek-chat", 128000),
        ("deepseek-reasoner", 128000),
    ];

    /// <summary>The input window of <paramref name="model"/>'s family in tokens, or null when the name is not a known family.</summary>
    public static int? For(string model) => FamilyTable.Find(Table, model);
}
