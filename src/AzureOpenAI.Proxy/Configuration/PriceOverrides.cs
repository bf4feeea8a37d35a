using System.Globalization;

namespace AzureOpenAI.Proxy.Configuration;

/// <summary>Input, cached input and output prices in USD per million tokens.</summary>
internal sealed record TokenPrices(decimal Input, decimal CachedInput, decimal Output);

/// <summary>
/// Reads <c>PRICES</c>, <c>deployment=input/cached/output;…</c> in USD per million tokens (e.g.
/// <c>my-gpt5=1.25/0.125/10;ptu-gpt4o=0/0/0</c>), and the USD amounts of the budgets. Deployment names match
/// case-insensitively, as Azure's do.
/// </summary>
internal static class PriceOverrides
{
    private const string Expected = "expected deployment=input/cached/output in USD per million tokens, e.g. my-gpt5=1.25/0.125/10";

    public static IReadOnlyDictionary<string, TokenPrices> Parse(string name, string? text)
    {
        var prices = new Dictionary<string, TokenPrices>(StringComparer.OrdinalIgnoreCase);
        if (text is null) return prices;
        foreach (var entry in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (deployment, figures) = entry.Split('=', 2, StringSplitOptions.TrimEntries) is [var d, var f] && d.Length > 0
                ? (d, f.Split('/', StringSplitOptions.TrimEntries))
                : throw Invalid(name, $"\"{entry}\" has no deployment name: {Expected}");
            if (figures.Length != 3) throw Invalid(name, $"\"{entry}\" does not have three prices: {Expected}");
            var values = figures.Select(f => TryAmount(f) ?? throw Invalid(name, $"\"{f}\" in \"{entry}\" is not a price: {Expected}")).ToArray();
            if (!prices.TryAdd(deployment, new TokenPrices(values[0], values[1], values[2])))
                throw Invalid(name, $"{deployment} is priced twice");
        }
        return prices;
    }

    /// <summary>A non-negative USD amount such as <c>25</c> or <c>12.50</c>; null when unset.</summary>
    public static decimal? Amount(string name, string? text) => text is null ? null
        : TryAmount(text) is { } amount && amount > 0 ? amount
        : throw Invalid(name, $"\"{text}\" is not an amount in USD above zero (e.g. 25 or 12.50)");

    private static decimal? TryAmount(string text) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static ConfigurationException Invalid(string name, string problem) => new($"{name}: {problem}");
}
