using AzureOpenAI.Proxy.Configuration;

namespace AzureOpenAI.Proxy.Usage;

/// <summary>
/// Azure OpenAI list prices, Global Standard deployments (pay-as-you-go), in USD per million tokens: input, cached
/// input, output. Taken 2026-12-07 from Azure's public retail price list (https://prices.azure.com/api/retail/prices,
/// service "Foundry Models", region eastus, price type Consumption; the page azure.microsoft.com/pricing/details/
/// azure-openai renders from it), as transcribed in LiteLLM's model catalog (its <c>azure/…</c> entries). Every
/// figure here equals OpenAI's own list price for the same model. Data Zone and Regional deployments cost about 10%
/// more, PTU is billed per hour: override those with <c>PRICES</c>.
/// </summary>
internal static class ListPrices
{
    public const string TakenOn = "2026-12-07";

    public static IReadOnlyDictionary<string, TokenPrices> Families { get; } = new Dictionary<string, TokenPrices>(StringComparer.OrdinalIgnoreCase)
    {
        ["gpt-5"] = new(1.25m, 0.125m, 10m),
        ["gpt-5-mini"] = new(0.25m, 0.025m, 2m),
        ["gpt-5-nano"] = new(0.05m, 0.005m, 0.40m),
        ["gpt-5.1"] = new(1.25m, 0.125m, 10m),
        ["gpt-5.2"] = new(1.75m, 0.175m, 14m),
        ["gpt-4.1"] = new(2m, 0.50m, 8m),
        ["gpt-4.1-mini"] = new(0.40m, 0.10m, 1.60m),
        ["gpt-4.1-nano"] = new(0.10m, 0.025m, 0.40m),
        ["gpt-4o"] = new(2.50m, 1.25m, 10m),
        ["gpt-4o-mini"] = new(0.15m, 0.075m, 0.60m),
        ["o3"] = new(2m, 0.50m, 8m),
        ["o3-mini"] = new(1.10m, 0.55m, 4.40m),
        ["o4-mini"] = new(1.10m, 0.275m, 4.40m),
        ["codex-mini"] = new(1.50m, 0.375m, 6m),
    };
}
