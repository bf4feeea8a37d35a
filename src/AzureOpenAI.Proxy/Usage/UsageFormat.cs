using System.Globalization;

namespace AzureOpenAI.Proxy.Usage;

/// <summary>Short human figures shared by the <c>usage</c> table and the statusline.</summary>
internal static class UsageFormat
{
    public static string Tokens(long count) => count switch
    {
        >= 1_000_000_000 => string.Create(CultureInfo.InvariantCulture, $"{count / 1e9:0.0}B"),
        >= 1_000_000 => string.Create(CultureInfo.InvariantCulture, $"{count / 1e6:0.0}M"),
        >= 10_000 => string.Create(CultureInfo.InvariantCulture, $"{count / 1e3:0}k"),
        >= 1_000 => string.Create(CultureInfo.InvariantCulture, $"{count / 1e3:0.0}k"),
        _ => count.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Dollars with cents, or a tenth of a cent below a dollar, so small sessions do not all read $0.00.</summary>
    public static string Cost(decimal usd) => usd is > 0m and < 1m
        ? string.Create(CultureInfo.InvariantCulture, $"${usd:0.000}")
        : string.Create(CultureInfo.InvariantCulture, $"${usd:0.00}");

    public static string Rate(double? rate) => rate is { } r ? string.Create(CultureInfo.InvariantCulture, $"{r * 100:0}%") : "–";
}
