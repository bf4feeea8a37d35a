using Spectre.Console;

namespace AzureOpenAI.Proxy.Usage;

/// <summary>The <c>usage</c> table: one row per group with requests, tokens, cache hit rate, cost and a bar of the cost.</summary>
internal static class UsageReportTable
{
    private const int BarWidth = 16;

    public static void Write(IAnsiConsole console, UsageReport report, string sinceText)
    {
        console.MarkupLine($"[bold]usage since {report.Since.UtcDateTime:yyyy-MM-dd HH:mm} UTC[/] ({Markup.Escape(sinceText)}), by {UsageReport.Name(report.By)}");
        if (report.Groups.Count == 0)
        {
            console.WriteLine("no requests recorded in this period");
            return;
        }
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn(UsageReport.Name(report.By))
            .AddColumn(new TableColumn("requests").RightAligned())
            .AddColumn(new TableColumn("input").RightAligned())
            .AddColumn(new TableColumn("cached").RightAligned())
            .AddColumn(new TableColumn("output").RightAligned())
            .AddColumn(new TableColumn("cache hit").RightAligned())
            .AddColumn(new TableColumn("cost").RightAligned())
            .AddColumn(new TableColumn("").NoWrap());
        var highest = report.Groups.Max(g => g.Totals.CostUsd);
        foreach (var group in report.Groups)
            table.AddRow([new Text(group.Key), .. Figures(group.Totals), new Markup($"[green]{Bar(group.Totals.CostUsd, highest)}[/]")]);
        table.AddEmptyRow();
        table.AddRow([new Markup("[bold]total[/]"), .. Figures(report.Total), new Text("")]);
        console.Write(table);
        if (report.Total.UnpricedRequests > 0)
            console.WriteLine($"{report.Total.UnpricedRequests} requests went to deployments without a known price and count as $0: set PRICES (see README, Prices).");
    }

    private static IEnumerable<Text> Figures(UsageTotals totals) =>
    [
        new(totals.Requests.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new(UsageFormat.Tokens(totals.InputTokens)),
        new(UsageFormat.Tokens(totals.CachedTokens)),
        new(UsageFormat.Tokens(totals.OutputTokens)),
        new(UsageFormat.Rate(totals.CacheHitRate)),
        new(UsageFormat.Cost(totals.CostUsd) + (totals.UnpricedRequests > 0 ? "*" : "")),
    ];

    /// <summary>Whole blocks and one eighth-block remainder, so close costs still draw different bars.</summary>
    private static string Bar(decimal cost, decimal highest)
    {
        if (highest <= 0m) return "";
        var eighths = (int)Math.Round(cost / highest * BarWidth * 8);
        var bar = new string('█', eighths / 8);
        return eighths % 8 == 0 ? bar : bar + "▏▎▍▌▋▊▉"[eighths % 8 - 1];
    }
}
