using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Proxy.Usage;

namespace AzureOpenAI.Proxy.Tests.Usage;

public class PriceTableTests
{
    [Theory]
    [InlineData("gpt-5", "gpt-5")]
    [InlineData("gpt-5-2025-08-07", "gpt-5")]
    [InlineData("prod-gpt-5-mini", "gpt-5-mini")]
    [InlineData("GPT-4.1-MINI", "gpt-4.1-mini")]
    [InlineData("gpt-4.1", "gpt-4.1")]
    [InlineData("gpt-5.1-chat", "gpt-5.1")]
    [InlineData("gpt-5.2", "gpt-5.2")]
    [InlineData("gpt-4o-mini-2024-07-18", "gpt-4o-mini")]
    [InlineData("o4-mini", "o4-mini")]
    [InlineData("o3-mini", "o3-mini")]
    [InlineData("team-o3", "o3")]
    public void ADeployment_IsPricedByTheFamilyItsNameHolds(string deployment, string family) =>
        Assert.Equal(ListPrices.Families[family], PriceTable.ListOnly.For(deployment));

    [Theory]
    [InlineData("gpt-5.9")]
    [InlineData("gpt-4")]
    [InlineData("my-deployment")]
    [InlineData("qwen3:32b")]
    [InlineData("pro3")]
    public void ADeploymentOfNoKnownFamily_HasNoPrice(string deployment) => Assert.Null(PriceTable.ListOnly.For(deployment));

    [Fact]
    public void PRICES_OverridesTheListPrice_CaseInsensitively()
    {
        var table = new PriceTable(PriceOverrides.Parse(SettingNames.Prices, "ptu-gpt-5=0/0/0; My-Model = 1/0.5/2"));

        Assert.Equal(new TokenPrices(0, 0, 0), table.For("ptu-gpt-5"));
        Assert.Equal(new TokenPrices(1, 0.5m, 2), table.For("my-model"));
        Assert.Equal(ListPrices.Families["gpt-5"], table.For("gpt-5"));
    }

    [Fact]
    public void Cost_ChargesCachedInputAtTheCachedPrice_AndReasoningAsPartOfOutput()
    {
        // gpt-4.1: $2 input, $0.50 cached, $8 output per million.
        var record = Records.Make(deployment: "gpt-4.1", input: 3_000_000, cached: 2_000_000, output: 1_000_000, reasoning: 400_000);

        Assert.Equal(2m + 1m + 8m, PriceTable.ListOnly.CostOf(record));
    }

    [Theory]
    [InlineData("gpt-5", "has no deployment name")]
    [InlineData("=1/2/3", "has no deployment name")]
    [InlineData("gpt-5=1/2", "does not have three prices")]
    [InlineData("gpt-5=1/x/3", "\"x\" in \"gpt-5=1/x/3\" is not a price")]
    [InlineData("gpt-5=1/-2/3", "is not a price")]
    [InlineData("a=1/2/3;A=1/2/3", "A is priced twice")]
    public void PRICES_ThatDoNotParse_SayWhatIsWrong(string text, string problem)
    {
        var error = Assert.Throws<ConfigurationException>(() => PriceOverrides.Parse(SettingNames.Prices, text));
        Assert.StartsWith("PRICES: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSettings_ReadPricesBudgetsAndRetention()
    {
        var settings = ProxySettings.Load(EffectiveConfig.Merge([new ConfigLayer("test", new Dictionary<string, string>
        {
            [SettingNames.Prices] = "x=1/2/3",
            [SettingNames.BudgetDailyUsd] = "12.50",
            [SettingNames.UsageRetentionDays] = "30",
        })]));

        Assert.Equal(new TokenPrices(1, 2, 3), settings.Prices["x"]);
        Assert.Equal(12.5m, settings.BudgetDailyUsd);
        Assert.Null(settings.BudgetMonthlyUsd);
        Assert.Equal(30, settings.UsageRetentionDays);
        Assert.Equal(90, new ProxySettings().UsageRetentionDays);
        Assert.Throws<ConfigurationException>(() => PriceOverrides.Amount(SettingNames.BudgetMonthlyUsd, "0"));
    }
}
