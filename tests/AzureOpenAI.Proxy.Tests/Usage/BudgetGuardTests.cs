using AzureOpenAI.Proxy.Usage;

namespace AzureOpenAI.Proxy.Tests.Usage;

public class BudgetGuardTests
{
    private readonly ManualClock _clock = new(Records.Noon);

    [Fact]
    public void WithoutBudgets_EverythingIsOk()
    {
        var guard = new BudgetGuard(null, null, _clock);
        guard.Add(1_000m, Records.Noon);

        Assert.False(guard.Enabled);
        Assert.Equal(BudgetStatus.None, guard.Check());
    }

    [Theory]
    [InlineData(7.49, "ok")]
    [InlineData(7.50, "warning")]
    [InlineData(9.49, "warning")]
    [InlineData(9.50, "critical")]
    [InlineData(10.00, "over")]
    public void TheDailyBudget_WarnsAt75And95Percent_AndIsOverAtItsLimit(double spent, string level)
    {
        var guard = new BudgetGuard(10m, null, _clock);
        guard.Add((decimal)spent, Records.Noon);

        Assert.Equal(level, BudgetLevels.Name(guard.Check().Level));
    }

    [Fact]
    public void OverBudget_TheMessageNamesTheBudgetItsSettingAndWhenItResets()
    {
        var guard = new BudgetGuard(null, 50m, _clock);
        guard.Seed(spentToday: 0m, spentThisMonth: 49m);
        guard.Add(1.25m, Records.Noon);

        var status = guard.Check();

        Assert.Equal(BudgetLevel.Over, status.Level);
        Assert.Equal(
            "the azure-openai proxy's monthly budget of $50.00 is spent ($50.25); it resets at 2027-01-01 00:00 UTC. Raise BUDGET_MONTHLY_USD to continue now",
            status.ErrorMessage);
    }

    [Fact]
    public void ANewDay_StartsTheDailyBudgetAfresh_ANewMonthTheMonthly()
    {
        var guard = new BudgetGuard(10m, 100m, _clock);
        guard.Add(9.80m, Records.Noon);
        Assert.Equal((BudgetLevel.Critical, BudgetGuard.Daily), (guard.Check().Level, guard.Check().Budget));

        _clock.Now = Records.Noon.AddDays(1);
        Assert.Equal(new BudgetStatus(BudgetLevel.Ok, BudgetGuard.Monthly, 9.80m, 100m, new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero)),
            guard.Check() is { Budget: BudgetGuard.Monthly } monthly ? monthly : null);

        guard.Seed(spentToday: 0m, spentThisMonth: 66m);
        Assert.Equal((BudgetLevel.Warning, BudgetGuard.Monthly), (guard.Check().Level, guard.Check().Budget));

        _clock.Now = new DateTimeOffset(2027, 1, 1, 0, 0, 1, TimeSpan.Zero);
        Assert.Equal(BudgetLevel.Ok, guard.Check().Level);
    }

    [Fact]
    public void TheWorseOfTwoBudgets_IsReported()
    {
        var guard = new BudgetGuard(10m, 12m, _clock);
        guard.Add(8m, Records.Noon); // daily 80% (warning), monthly 67% (ok)
        Assert.Equal(BudgetGuard.Daily, guard.Check().Budget);

        guard.Seed(0m, 3.5m); // monthly 96% (critical) beats daily 80%
        Assert.Equal((BudgetLevel.Critical, BudgetGuard.Monthly), (guard.Check().Level, guard.Check().Budget));
    }
}
