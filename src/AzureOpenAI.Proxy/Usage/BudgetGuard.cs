using System.Globalization;

namespace AzureOpenAI.Proxy.Usage;

/// <summary>How close this machine's spend is to its budgets.</summary>
internal enum BudgetLevel
{
    Ok,

    /// <summary>At or past <see cref="BudgetGuard.WarningShare"/> of a budget.</summary>
    Warning,

    /// <summary>At or past <see cref="BudgetGuard.CriticalShare"/> of a budget.</summary>
    Critical,

    /// <summary>A budget is spent: requests are refused until it resets.</summary>
    Over,
}

/// <summary>The worst of the budgets: which one (<c>daily</c> or <c>monthly</c>), what is spent of it and when it resets.</summary>
internal sealed record BudgetStatus(BudgetLevel Level, string? Budget, decimal Spent, decimal Limit, DateTimeOffset ResetsAt)
{
    public static BudgetStatus None { get; } = new(BudgetLevel.Ok, null, 0m, 0m, DateTimeOffset.MaxValue);

    public double Share => Limit == 0m ? 0 : (double)(Spent / Limit);

    /// <summary>The 429's message: names the budget, its setting, and when it resets.</summary>
    public string ErrorMessage => string.Create(CultureInfo.InvariantCulture,
        $"the azure-openai proxy's {Budget} budget of ${Limit:0.00} is spent (${Spent:0.00}); it resets at {ResetsAt:yyyy-MM-dd HH:mm} UTC. " +
        $"Raise {(Budget == BudgetGuard.Daily ? "BUDGET_DAILY_USD" : "BUDGET_MONTHLY_USD")} to continue now");
}

/// <summary>
/// The daily and monthly USD budgets of this machine's proxy (UTC days and months). The endpoint asks
/// <see cref="Check"/> before sending; when it says <see cref="BudgetLevel.Over"/>, the answer is a 429
/// <c>rate_limit_error</c> with <see cref="BudgetStatus.ErrorMessage"/> and <c>x-should-retry: false</c>:
/// <code>
/// if (guard.Check() is { Level: BudgetLevel.Over } over)
/// {
///     context.Response.Headers["x-should-retry"] = "false";
///     await AnthropicErrors.WriteAsync(context, AnthropicErrorType.RateLimit, over.ErrorMessage);
///     return;
/// }
/// </code>
/// The recorder adds each record's cost; at start it seeds today's and this month's spend from the store.
/// </summary>
internal sealed class BudgetGuard(decimal? dailyLimit, decimal? monthlyLimit, TimeProvider time)
{
    public const string Daily = "daily";
    public const string Monthly = "monthly";
    public const double WarningShare = 0.75;
    public const double CriticalShare = 0.95;

    private readonly Lock _lock = new();
    private DateOnly _day;
    private decimal _spentToday, _spentThisMonth;

    public bool Enabled => dailyLimit is not null || monthlyLimit is not null;

    public static DateTimeOffset StartOfDay(DateTimeOffset at) => new(at.UtcDateTime.Date, TimeSpan.Zero);

    public static DateTimeOffset StartOfMonth(DateTimeOffset at) => new(at.Year, at.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Adds what the store holds for today and this month (records written before this process started).</summary>
    public void Seed(decimal spentToday, decimal spentThisMonth)
    {
        lock (_lock)
        {
            Roll(time.GetUtcNow());
            _spentToday += spentToday;
            _spentThisMonth += spentThisMonth;
        }
    }

    public void Add(decimal cost, DateTimeOffset at)
    {
        lock (_lock)
        {
            Roll(time.GetUtcNow());
            if (DateOnly.FromDateTime(at.UtcDateTime) == _day) _spentToday += cost;
            if (at >= StartOfMonth(time.GetUtcNow())) _spentThisMonth += cost;
        }
    }

    public BudgetStatus Check()
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            Roll(now);
            var daily = Status(Daily, _spentToday, dailyLimit, StartOfDay(now).AddDays(1));
            var monthly = Status(Monthly, _spentThisMonth, monthlyLimit, StartOfMonth(now).AddMonths(1));
            return (daily, monthly) switch
            {
                (null, null) => BudgetStatus.None,
                ({ } d, null) => d,
                (null, { } m) => m,
                ({ } d, { } m) => m.Level > d.Level || (m.Level == d.Level && m.Share > d.Share) ? m : d,
            };
        }
    }

    private static BudgetStatus? Status(string name, decimal spent, decimal? limit, DateTimeOffset resetsAt)
    {
        if (limit is not { } l) return null;
        var share = (double)(spent / l);
        var level = spent >= l ? BudgetLevel.Over
            : share >= CriticalShare ? BudgetLevel.Critical
            : share >= WarningShare ? BudgetLevel.Warning
            : BudgetLevel.Ok;
        return new BudgetStatus(level, name, spent, l, resetsAt);
    }

    // A new UTC day (or month) starts from nothing.
    private void Roll(DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (today == _day) return;
        if (today.Month != _day.Month || today.Year != _day.Year) _spentThisMonth = 0m;
        _spentToday = 0m;
        _day = today;
    }
}

internal static class BudgetLevels
{
    public static string Name(BudgetLevel level) => level switch
    {
        BudgetLevel.Warning => "warning",
        BudgetLevel.Critical => "critical",
        BudgetLevel.Over => "over",
        _ => "ok",
    };

    public static BudgetLevel Parse(string? name) => name switch
    {
        "warning" => BudgetLevel.Warning,
        "critical" => BudgetLevel.Critical,
        "over" => BudgetLevel.Over,
        _ => BudgetLevel.Ok,
    };
}
