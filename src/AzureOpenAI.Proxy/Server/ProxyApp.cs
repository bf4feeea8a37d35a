using System.Net;
using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Proxy.Telemetry;
using AzureOpenAI.Proxy.Upstream;
using AzureOpenAI.Proxy.Usage;
using AzureOpenAI.Translation.Anthropic;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AzureOpenAI.Proxy.Server;

/// <summary>Builds the proxy: Kestrel on HOST:PORT (port 0 = any free port), the middleware envelope and the endpoints of DESIGN.md §4.</summary>
internal static class ProxyApp
{
    public static WebApplication Build(ProxySettings settings, ProxyHostOptions? hostOptions = null)
    {
        var host = hostOptions ?? new ProxyHostOptions();
        // The content root is the binary's folder, not the directory the daemon happened to start in (a project's):
        // no project's appsettings.json configures the proxy, and nothing watches that tree. The default reload on
        // change put a recursive file watcher on it, which woke the proxy on every file a build wrote.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = ProductInfo.Name,
            ContentRootPath = AppContext.BaseDirectory,
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
        });

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = RequestBodyReader.MaxBodyBytes;
            Listen(kestrel, settings.Host, settings.Port);
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = host.ShutdownTimeout);
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        ConfigureLogging(builder.Logging, settings.LogLevel, host);

        var state = new ProxyState(settings, host);
        builder.Services.AddSingleton(state);
        builder.Services.AddSingleton(new ClientToken(settings.ProxyAuthToken));
        builder.Services.AddSingleton<MessagesEndpoint>();
        builder.Services.AddSingleton<CountTokensEndpoint>();
        builder.Services.AddSingleton<ModelsEndpoint>();
        builder.Services.AddSingleton<ProxyOverheadWindow>();
        builder.Services.AddSingleton<ServerTiming>();
        builder.Services.AddUsageRecorder(settings, host.UsageDataHome ?? DataHome.FromProcessEnvironment().Directory, host.TimeProvider);
        builder.Services.AddUpstreamHttpClient(TimeSpan.FromSeconds(Math.Min(30, settings.RequestTimeout.TotalSeconds)),
            new UpstreamRetry(settings.MaxRetries, host.UpstreamRetryDelay), state.EntraTokens, logEachAttempt: settings.LogLevel <= LogLevel.Debug);
        builder.Services.AddProxyTelemetry(settings, host.ConfigureTelemetry);

        var app = builder.Build();
        app.UseProxyTelemetry(settings, host.ConfigureTelemetry);
        app.UseMiddleware<RequestScopeMiddleware>();
        app.UseMiddleware<HostOriginGuard>(settings);
        app.UseMiddleware<ClientAuthMiddleware>();
        MapEndpoints(app);
        app.Lifetime.ApplicationStarted.Register(() => AnnounceStart(app));
        return app;
    }

    /// <summary>The address Kestrel actually bound (the real port when PORT=0), once started.</summary>
    public static Uri ListeningAddress(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    private static void MapEndpoints(WebApplication app)
    {
        app.MapPost("/v1/messages", (HttpContext c) => c.RequestServices.GetRequiredService<MessagesEndpoint>().HandleAsync(c));
        app.MapPost("/v1/messages/count_tokens", (HttpContext c) => c.RequestServices.GetRequiredService<CountTokensEndpoint>().HandleAsync(c));
        app.MapGet("/v1/models", (HttpContext c) => c.RequestServices.GetRequiredService<ModelsEndpoint>().ListAsync(c));
        app.MapGet("/v1/models/{id}", (HttpContext c) =>
            c.RequestServices.GetRequiredService<ModelsEndpoint>().GetAsync(c, c.Request.RouteValues["id"] as string ?? ""));
        app.MapGet(SessionUsageEndpoint.Route, (HttpContext c) => SessionUsageEndpoint.HandleAsync(c,
            c.RequestServices.GetRequiredService<ProxyState>(), c.RequestServices.GetRequiredService<UsageRecorder>()));
        app.MapGet("/health", (HttpContext c) =>
            ProbeEndpoints.HealthAsync(c, c.RequestServices.GetRequiredService<ProxyState>(), c.RequestServices.GetRequiredService<ProxyOverheadWindow>()));
        app.MapMethods("/", [HttpMethods.Get, HttpMethods.Head], ProbeEndpoints.RootAsync);
        app.MapFallback((HttpContext c) => AnthropicErrors.WriteAsync(c, AnthropicErrorType.NotFound,
            $"{c.Request.Method} {c.Request.Path} is not an endpoint of this proxy"));
    }

    private static void Listen(Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions kestrel, string host, int port)
    {
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) kestrel.ListenLocalhost(port);
        else if (host is "*" or "0.0.0.0") kestrel.ListenAnyIP(port);
        else kestrel.Listen(IPAddress.Parse(host), port);
    }

    private static void ConfigureLogging(ILoggingBuilder logging, LogLevel level, ProxyHostOptions host)
    {
        logging.ClearProviders();
        if (host.ConfigureLogging is { } configure) configure(logging);
        else
            logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            });
        logging.SetMinimumLevel(level);
        // Framework chatter, HttpClient's per-request lines (which carry upstream URLs) and Polly's per-attempt lines
        // only when debugging: one line per request is the rule. Their warnings (a retry) stay.
        var framework = level <= LogLevel.Debug ? level : LogLevel.Warning;
        logging.AddFilter("Microsoft", framework);
        logging.AddFilter("System.Net.Http", framework);
        logging.AddFilter("Polly", framework);
    }

    private static void AnnounceStart(WebApplication app)
    {
        var state = app.Services.GetRequiredService<ProxyState>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(ProductInfo.Name);
        ProxyLog.Listening(logger, ProductInfo.Version, ListeningAddress(app).ToString().TrimEnd('/'), state.ProviderName,
            state.Profile?.EndpointHost ?? "-", state.Settings.ProxyAuthToken is null ? "none" : "token");
        if (state.MissingEndpoint is { } missing) ProxyLog.NotConfigured(logger, missing);
    }
}
