using AzureOpenAI.Proxy.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AzureOpenAI.Proxy.Telemetry;

/// <summary>
/// Registers the OpenTelemetry SDK only when something consumes it: an OTLP collector (the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, with the exporter's other <c>OTEL_*</c> variables), the Prometheus scrape
/// endpoint (<c>PROMETHEUS_METRICS=true</c>) or a test's exporter. Otherwise nothing listens and the instruments cost nothing.
/// </summary>
internal static class ProxyTelemetry
{
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <param name="configure">A test's exporters (ProxyHostOptions.ConfigureTelemetry), which turn telemetry on too.</param>
    public static bool IsOn(ProxySettings settings, Action<IOpenTelemetryBuilder>? configure) =>
        Otlp || settings.PrometheusMetrics || configure is not null;

    private static bool Otlp => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(OtlpEndpointVariable));

    public static void AddProxyTelemetry(this IServiceCollection services, ProxySettings settings, Action<IOpenTelemetryBuilder>? configure)
    {
        if (!IsOn(settings, configure)) return;
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ProductInfo.Name, serviceVersion: ProductInfo.Version))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(ProxyMetrics.MeterName);
                if (Otlp) metrics.AddOtlpExporter();
                if (settings.PrometheusMetrics) metrics.AddPrometheusExporter();
            })
            .WithTracing(tracing =>
            {
                tracing.AddSource(ProxyTracing.SourceName, ProxyTracing.HttpClientSourceName);
                if (Otlp) tracing.AddOtlpExporter();
            });
        configure?.Invoke(telemetry);
    }

    /// <summary>The span middleware, outermost so the envelope runs inside the span, and <c>/metrics</c> when asked for.</summary>
    public static void UseProxyTelemetry(this WebApplication app, ProxySettings settings, Action<IOpenTelemetryBuilder>? configure)
    {
        if (IsOn(settings, configure)) app.UseMiddleware<ChatSpanMiddleware>();
        if (settings.PrometheusMetrics) app.MapPrometheusScrapingEndpoint();
    }
}
