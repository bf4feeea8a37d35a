using Microsoft.Extensions.Logging;
using OpenTelemetry;

namespace AzureOpenAI.Proxy.Server;

/// <summary>How the server is hosted, apart from the user's settings; tests shorten the intervals.</summary>
internal sealed record ProxyHostOptions
{
    /// <summary>A <c>ping</c> event after this much upstream silence while streaming (CLAUDE-CODE.md §3: Claude Code aborts silent streams).</summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>On Ctrl-C/SIGTERM, in-flight streams may finish for this long before they are cut.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The first retry's delay before jitter; later ones double (UpstreamRetry).</summary>
    public TimeSpan UpstreamRetryDelay { get; init; } = Upstream.UpstreamRetry.DefaultBaseDelay;

    /// <summary>Where usage.db goes; null for the process's data home. In-process tests point it at a temporary folder.</summary>
    public string? UsageDataHome { get; init; }

    /// <summary>Replaces the single-line console logger (tests route logs to their output).</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }

    /// <summary>Turns telemetry on and adds to it (tests add in-memory exporters).</summary>
    public Action<IOpenTelemetryBuilder>? ConfigureTelemetry { get; init; }
}
