namespace AzureOpenAI.Proxy.Configuration;

/// <summary>
/// Replaces known secret values (API key, proxy token, Entra token) in free text such as log lines, so a secret that
/// slipped into a message (an upstream error echoing a header, a URL with a key) is never shown or persisted.
/// </summary>
internal sealed class SecretRedactor
{
    // Shorter values would redact ordinary words; real keys and generated tokens are far longer.
    private const int MinimumSecretLength = 6;
    private readonly string[] _secrets;

    public SecretRedactor(IEnumerable<string?> secrets) =>
        _secrets = [.. secrets.OfType<string>().Where(s => s.Length >= MinimumSecretLength).Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length)];

    public static SecretRedactor None { get; } = new([]);

    /// <summary>Every secret <paramref name="settings"/> hold: keys, tokens, upstream header values and pools.json's keys.</summary>
    public static SecretRedactor For(ProxySettings settings) =>
        new([settings.ApiKey, settings.ProxyAuthToken, settings.AzureAdToken, .. settings.UpstreamHeaders.Select(h => h.Value),
            .. settings.Pools?.Secrets() ?? []]);

    public string Redact(string text)
    {
        foreach (var secret in _secrets)
            if (text.Contains(secret, StringComparison.Ordinal)) text = text.Replace(secret, SecretMask.Mask(secret), StringComparison.Ordinal);
        return text;
    }
}
