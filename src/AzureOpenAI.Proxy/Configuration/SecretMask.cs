namespace AzureOpenAI.Proxy.Configuration;

/// <summary>
/// How a secret is shown anywhere a human (or the model, through the slash command) can read it: at most the first 3
/// and last 4 characters, and nothing at all for short values, where 7 known characters would give too much away.
/// </summary>
internal static class SecretMask
{
    public const int MinimumLengthToHint = 12;
    private const string Hidden = "****";

    public static string Mask(string? secret)
    {
        if (string.IsNullOrEmpty(secret)) return "(not set)";
        return secret.Length < MinimumLengthToHint ? Hidden : $"{secret[..3]}{Hidden}{secret[^4..]}";
    }
}
