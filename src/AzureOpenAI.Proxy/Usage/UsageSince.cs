using System.Globalization;
using System.Text.RegularExpressions;

namespace AzureOpenAI.Proxy.Usage;

/// <summary>
/// <c>usage --since</c>: a span back from now (<c>12h</c>, <c>7d</c>, <c>2w</c>), <c>today</c> (since
/// 00:00 UTC), or a UTC date (<c>2026-12-01</c>).
/// </summary>
internal static partial class UsageSince
{
    public const string Help = "a span back from now (12h, 7d, 2w), today, or a UTC date (2026-12-01)";

    /// <summary>The start time, or null with <paramref name="problem"/> saying why the text is not one.</summary>
    public static DateTimeOffset? Parse(string text, DateTimeOffset now, out string? problem)
    {
        problem = null;
        var trimmed = text.Trim().ToLowerInvariant();
        if (trimmed == "today") return new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        if (Span().Match(trimmed) is { Success: true } span && int.TryParse(span.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            var back = span.Groups[2].Value switch
            {
                "h" => TimeSpan.FromHours(n),
                "d" => TimeSpan.FromDays(n),
                _ => TimeSpan.FromDays(7.0 * n),
            };
            if (back <= TimeSpan.FromDays(36_500)) return now - back;
        }
        if (DateOnly.TryParseExact(trimmed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var start = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            if (start <= now) return start;
            problem = $"--since {text}: the date is in the future";
            return null;
        }
        problem = $"--since {text}: expected {Help}";
        return null;
    }

    [GeneratedRegex("^([0-9]{1,6})([hdw])$")]
    private static partial Regex Span();
}
