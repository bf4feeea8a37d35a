using AzureOpenAI.Proxy.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AzureOpenAI.Proxy.Usage;

/// <summary>Registers the <see cref="UsageRecorder"/> (a singleton the endpoints take, and a hosted service that writes).</summary>
internal static class UsageServices
{
    public static IServiceCollection AddUsageRecorder(this IServiceCollection services, ProxySettings settings, string dataHomeDirectory,
        TimeProvider time)
    {
        services.AddSingleton(provider => new UsageRecorder(
            UsageStore.InDataHome(dataHomeDirectory),
            new PriceTable(settings.Prices),
            new BudgetGuard(settings.BudgetDailyUsd, settings.BudgetMonthlyUsd, time),
            settings.UsageRetentionDays,
            time,
            provider.GetRequiredService<ILoggerFactory>().CreateLogger(ProductInfo.Name)));
        services.AddHostedService(provider => provider.GetRequiredService<UsageRecorder>());
        return services;
    }
}
