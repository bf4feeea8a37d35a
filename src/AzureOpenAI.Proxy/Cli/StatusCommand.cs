using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Proxy.Daemon;
using AzureOpenAI.Proxy.Usage;
using AzureOpenAI.Proxy.Server;

namespace AzureOpenAI.Proxy.Cli;

/// <summary>
/// <c>status [--json]</c>: whether the daemon runs and with what, its median proxy overhead (from <c>/health</c>),
/// whether Claude Code is routed to it, and the last log lines, redacted. Exit 0 when running, 3 when stopped. Nothing printed here is a secret: the slash command
/// shows it to the model.
/// </summary>
internal static class StatusCommand
{
    private const int LogLines = 10;
    private static readonly Option<bool> Json = new("--json") { Description = "Machine-readable output" };

    public static Command Create(CliEnvironment environment)
    {
        var command = new Command("status", "Show whether the proxy runs, its configuration, routing and recent log lines") { Json };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var context = new CliContext(environment);
            var report = await StatusReport.CollectAsync(context, LogLines, cancellationToken).ConfigureAwait(false);
            context.Out.Write(parseResult.GetValue(Json) ? report.ToJson() : report.ToText());
            return report.Running ? ExitCodes.Success : ExitCodes.NotRunning;
        });
        return command;
    }
}

/// <summary>The facts <c>status</c> reports, gathered once and rendered as text or JSON.</summary>
internal sealed record StatusReport(
    bool Running, int? Pid, Uri? Url, TimeSpan? Uptime, bool? Healthy, string Version, ProviderSummary Provider,
    RoutingCheck Routing, IReadOnlyList<string> ConfigProblems, string LogFile, IReadOnlyList<string> RecentLog,
    double? OverheadMedianMs = null, int OverheadRequests = 0, IReadOnlyList<BackendLine>? Backends = null)
{
    public static async Task<StatusReport> CollectAsync(CliContext context, int logLines, CancellationToken cancellationToken)
    {
        var snapshot = context.LoadConfiguration();
        // Also finds this data home's daemon when its pid file was lost (an orphan answering on the configured port).
        var daemon = await RunningDaemon.FindAsync(context.Home, RunningDaemon.ExpectedUrl(snapshot.Settings), cancellationToken).ConfigureAwait(false);
        var health = daemon is null ? null
            : await HealthProbe.ReadAsync(daemon.BaseUrl, TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
        var expectedUrl = daemon?.BaseUrl ?? (snapshot.Settings is { } s ? HealthProbe.LocalUrl(s.Host, s.Port) : null);
        var routing = expectedUrl is null
            ? new RoutingCheck(false, "unknown: the configuration is invalid")
            : context.ClaudeSettings.CheckRouting(expectedUrl.AbsoluteUri.TrimEnd('/'), snapshot.Settings?.ProxyAuthToken);
        return new StatusReport(
            daemon is not null, daemon?.Pid, daemon?.BaseUrl, daemon is null ? null : DateTime.UtcNow - daemon.StartedUtc, health?.Healthy,
            ProductInfo.Version, ProviderSummary.From(snapshot), routing,
            [.. snapshot.Problems.Select(p => snapshot.Redactor.Redact(p.ToString()))],
            context.Home.LogFile, [.. TailLog(context.Home.LogFile, logLines).Select(snapshot.Redactor.Redact)],
            health?.OverheadMedianMs, health?.OverheadRequests ?? 0, health?.Backends);
    }

    public string ToText()
    {
        var text = new StringBuilder();
        void Line(string label, string? value) => text.Append(CultureInfo.InvariantCulture, $"{label,-13} {value ?? "(not set)"}\n");
        Line("proxy", Running
            ? $"running (pid {Pid}, {Url}, up {FormatUptime(Uptime!.Value)}{(Healthy == true ? "" : ", NOT answering /health")})"
            : "stopped");
        if (OverheadMedianMs is { } overhead)
            Line("overhead", string.Create(CultureInfo.InvariantCulture, $"{overhead:0.00} ms median proxy time of the last {OverheadRequests} requests"));
        Line("version", Version);
        Line("provider", Provider.Provider);
        Line("endpoint", Provider.EndpointHost);
        Line("api", Provider.ApiVersion is null ? Provider.ApiStyle : $"{Provider.ApiStyle}, api-version {Provider.ApiVersion}");
        Line("deployments", Provider.DeploymentsLine);
        Line("auth", $"{Provider.UpstreamAuth}; clients {(Provider.ClientTokenRequired ? "must present PROXY_AUTH_TOKEN" : "need no token")}");
        foreach (var backend in Backends ?? [])
            Line("backend", string.Create(CultureInfo.InvariantCulture,
                $"{backend.Pool} {backend.Backend}: {backend.State}{(backend.Until is { } until ? $" until {until}" : "")}, {backend.ShareLastHour * 100:0}% of the last hour{(backend.FailoversLastHour > 0 ? $", {backend.FailoversLastHour} failed over from it" : "")}"));
        Line("claude code", $"{(Routing.RoutesHere ? "routed" : "NOT routed")}: {Routing.Explanation}");
        Line("usage today", UsageToday.Describe(Path.GetDirectoryName(LogFile)!));
        foreach (var problem in ConfigProblems) Line("config error", problem);
        text.Append(CultureInfo.InvariantCulture, $"\nlast log lines ({LogFile}):\n");
        foreach (var line in RecentLog) text.Append("  ").Append(line).Append('\n');
        if (RecentLog.Count == 0) text.Append("  (empty)\n");
        return text.ToString();
    }

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("state", Running ? "running" : "stopped");
            if (Pid is { } pid) json.WriteNumber("pid", pid); else json.WriteNull("pid");
            json.WriteString("url", Url?.AbsoluteUri.TrimEnd('/'));
            if (Url is not null) json.WriteNumber("port", Url.Port); else json.WriteNull("port");
            if (Uptime is { } uptime) json.WriteNumber("uptimeSeconds", (long)uptime.TotalSeconds); else json.WriteNull("uptimeSeconds");
            if (Healthy is { } healthy) json.WriteBoolean("healthy", healthy); else json.WriteNull("healthy");
            json.WriteStartObject("proxyOverhead");
            if (OverheadMedianMs is { } overhead) json.WriteNumber("medianMs", overhead); else json.WriteNull("medianMs");
            json.WriteNumber("requests", OverheadRequests);
            json.WriteEndObject();
            json.WriteString("version", Version);
            json.WriteString("provider", Provider.Provider);
            json.WriteString("endpointHost", Provider.EndpointHost);
            json.WriteString("apiStyle", Provider.ApiStyle);
            json.WriteString("apiVersion", Provider.ApiVersion);
            json.WriteStartObject("deployments");
            json.WriteString("big", Provider.BigModel);
            json.WriteString("middle", Provider.MiddleModel);
            json.WriteString("small", Provider.SmallModel);
            json.WriteEndObject();
            json.WriteStartObject("deploymentApis");
            json.WriteString("big", Provider.ApiOf(Provider.BigModel));
            json.WriteString("middle", Provider.ApiOf(Provider.MiddleModel));
            json.WriteString("small", Provider.ApiOf(Provider.SmallModel));
            json.WriteEndObject();
            json.WriteStartArray("backends");
            foreach (var backend in Backends ?? [])
            {
                json.WriteStartObject();
                json.WriteString("pool", backend.Pool);
                json.WriteString("backend", backend.Backend);
                json.WriteString("state", backend.State);
                json.WriteString("until", backend.Until);
                json.WriteNumber("shareLastHour", backend.ShareLastHour);
                json.WriteNumber("failoversLastHour", backend.FailoversLastHour);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteString("auth", Provider.UpstreamAuth);
            json.WriteBoolean("clientTokenRequired", Provider.ClientTokenRequired);
            json.WriteStartObject("claudeCode");
            json.WriteBoolean("routed", Routing.RoutesHere);
            json.WriteString("detail", Routing.Explanation);
            json.WriteEndObject();
            WriteStrings(json, "configProblems", ConfigProblems);
            json.WriteString("logFile", LogFile);
            WriteStrings(json, "recentLog", RecentLog);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values) json.WriteStringValue(value);
        json.WriteEndArray();
    }

    private static string FormatUptime(TimeSpan uptime) => uptime.TotalHours >= 1
        ? $"{(int)uptime.TotalHours}h{uptime.Minutes:00}m"
        : uptime.TotalMinutes >= 1 ? $"{uptime.Minutes}m{uptime.Seconds:00}s" : $"{Math.Max(0, uptime.Seconds)}s";

    /// <summary>
    /// The last <paramref name="count"/> lines of the log, read from its end so a large log costs nothing, escaped:
    /// a log written before lines were escaped must not send ESC, CR or BEL to the terminal.
    /// </summary>
    private static IEnumerable<string> TailLog(string path, int count)
    {
        if (!File.Exists(path)) return [];
        const int TailBytes = 64 * 1024;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        stream.Seek(Math.Max(0, stream.Length - TailBytes), SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        var lines = reader.ReadToEnd().Split('\n').Where(l => l.Length > 0).ToList();
        return lines.TakeLast(count).Select(LogText.Line);
    }
}
