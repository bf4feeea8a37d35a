using AzureOpenAI.Proxy.Usage;

namespace AzureOpenAI.Proxy.Tests.Usage;

public class UsageReportTests
{
    private static readonly UsageRecord[] Day =
    [
        Records.Make(Records.Noon.AddDays(-1), session: "s1", deployment: "gpt-5", cost: 2m),
        Records.Make(Records.Noon, session: "s1", agent: "explore", model: "claude-haiku-4-5", deployment: "gpt-4o-mini", cost: 0.5m),
        Records.Make(Records.Noon.AddHours(1), session: "s2", deployment: "gpt-5", cost: 3m) with { Session = null },
        Records.Make(Records.Noon.AddDays(-30), cost: 100m),
    ];

    [Theory]
    [InlineData("Day", "2026-12-06:2.0|2026-12-07:3.5")]
    [InlineData("Deployment", "gpt-5:5.0|gpt-4o-mini:0.5")]
    [InlineData("Session", "(none):3.0|s1:2.5")]
    [InlineData("Agent", "main:5.0|explore:0.5")]
    [InlineData("Model", "claude-opus-4-5:5.0|claude-haiku-4-5:0.5")]
    public void Groups_EachWay_DaysInOrder_OthersByCost(string by, string expected)
    {
        var report = UsageReport.Build(Day, Records.Noon.AddDays(-2), Enum.Parse<UsageGrouping>(by));

        Assert.Equal(expected, string.Join('|', report.Groups.Select(g =>
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{g.Key}:{g.Totals.CostUsd:0.0}"))));
        Assert.Equal(3, report.Total.Requests);
        Assert.Equal(5.5m, report.Total.CostUsd);
    }

    [Theory]
    [InlineData("7d", -7 * 24)]
    [InlineData("12h", -12)]
    [InlineData("2w", -14 * 24)]
    [InlineData("today", -12)]
    [InlineData("2026-12-01", -6 * 24 - 12)]
    public void Since_ReadsSpansTodayAndDates(string text, int hoursBack) =>
        Assert.Equal(Records.Noon.AddHours(hoursBack), UsageSince.Parse(text, Records.Noon, out _));

    [Theory]
    [InlineData("7x")]
    [InlineData("0d")]
    [InlineData("-3d")]
    [InlineData("yesterday")]
    [InlineData("2026-13-01")]
    [InlineData("2027-01-01")]
    public void Since_ThatIsNotAStart_SaysWhy(string text)
    {
        Assert.Null(UsageSince.Parse(text, Records.Noon, out var problem));
        Assert.StartsWith($"--since {text}: ", problem, StringComparison.Ordinal);
    }
}
