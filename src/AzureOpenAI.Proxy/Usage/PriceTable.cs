using AzureOpenAI.Proxy.Configuration;

namespace AzureOpenAI.Proxy.Usage;

/// <summary>
/// The price of a deployment: its <c>PRICES</c> entry, else the list price of the model family its name contains
/// (<c>gpt-4.1-mini-2025-04-14</c> and <c>prod-gpt-4.1-mini</c> are gpt-4.1-mini), else none.
/// </summary>
internal sealed class PriceTable(IReadOnlyDictionary<string, TokenPrices> overrides)
{
    private const decimal PerMillion = 1_000_000m;

    // Longest first, so gpt-4.1-mini is found before gpt-4.1.
    private static readonly string[] FamiliesLongestFirst = [.. ListPrices.Families.Keys.OrderByDescending(f => f.Length)];

    public static PriceTable ListOnly { get; } = new(new Dictionary<string, TokenPrices>());

    public TokenPrices? For(string? deployment)
    {
        if (deployment is null) return null;
        if (overrides.TryGetValue(deployment, out var configured)) return configured;
        return FamiliesLongestFirst.FirstOrDefault(family => NamesFamily(deployment, family)) is { } found ? ListPrices.Families[found] : null;
    }

    /// <summary>Uncached input at the input price, cached input at the cached price, all output (reasoning included) at the output price.</summary>
    public decimal? CostOf(UsageRecord record)
    {
        if (For(record.Deployment) is not { } prices) return null;
        var cached = Math.Min(record.CachedTokens, record.InputTokens);
        return ((record.InputTokens - cached) * prices.Input + cached * prices.CachedInput + record.OutputTokens * prices.Output) / PerMillion;
    }

    /// <summary>The family name appears whole: not followed by a letter, digit or dot (gpt-5.1 is not gpt-5; gpt-4o is not gpt-4).</summary>
    private static bool NamesFamily(string deployment, string family)
    {
        for (var at = deployment.IndexOf(family, StringComparison.OrdinalIgnoreCase); at >= 0;
             at = deployment.IndexOf(family, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var before = at == 0 ? '-' : deployment[at - 1];
            var after = at + family.Length == deployment.Length ? '-' : deployment[at + family.Length];
            if (!char.IsAsciiLetterOrDigit(before) && !char.IsAsciiLetterOrDigit(after) && after != '.') return true;
        }
        return false;
    }
}
