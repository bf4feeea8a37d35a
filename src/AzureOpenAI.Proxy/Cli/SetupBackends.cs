using System.Text.Json.Nodes;
using AzureOpenAI.Proxy.Configuration;

namespace AzureOpenAI.Proxy.Cli;

/// <summary>A backend as <c>setup --add-backend TIER</c> gives it; secrets come from stdin, never from a flag.</summary>
internal sealed record BackendFlags
{
    public required string Tier { get; init; }
    public string? Endpoint { get; init; }
    public string? Deployment { get; init; }
    public string? ApiVersion { get; init; }
    public string? Auth { get; init; }
    public bool ApiKeyStdin { get; init; }
    public int? Priority { get; init; }
    public int? Weight { get; init; }
    public string? DataZone { get; init; }
    public string? SpilloverDeployment { get; init; }

    /// <summary><c>NAME=VALUE</c>, or <c>NAME</c> alone to read the value from stdin.</summary>
    public IReadOnlyList<string> Headers { get; init; } = [];
}

/// <summary>
/// <c>setup --add-backend TIER …</c> and <c>setup --remove-backend TIER:DEPLOYMENT [--endpoint URL]</c>: pools.json
/// edited non-interactively (<see cref="PoolsFileEditor"/>: checked by serve's reader, atomic, 0600, backed up).
/// stdin holds one line per secret asked for: the key (<c>--api-key-stdin</c>) first, then each <c>--header NAME</c>
/// given without a value, in order. Nothing printed is a secret.
/// </summary>
internal static class SetupBackends
{
    public static int Add(CliContext context, BackendFlags flags, TextReader stdin)
    {
        if (flags.Endpoint is null || flags.Deployment is null)
            return Fail(context, "--add-backend needs --endpoint URL and --deployment NAME");
        // stdin is read only when a secret is asked for: a terminal would otherwise wait for an end of input.
        var asked = (flags.ApiKeyStdin ? 1 : 0) + flags.Headers.Count(h => !h.Contains('=', StringComparison.Ordinal));
        var secrets = new Queue<string>(asked == 0 ? [] : stdin.ReadToEnd().Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0));
        var backend = new JsonObject { ["endpoint"] = flags.Endpoint, ["deployment"] = flags.Deployment };
        if (flags.ApiVersion is not null) backend["apiVersion"] = flags.ApiVersion;
        if (flags.ApiKeyStdin)
        {
            if (!secrets.TryDequeue(out var key)) return Fail(context, "--api-key-stdin was given but stdin was empty");
            backend["apiKey"] = key;
        }
        if (flags.Auth is not null) backend["auth"] = flags.Auth;
        if (flags.Headers.Count > 0)
        {
            var headers = new JsonObject();
            foreach (var header in flags.Headers)
            {
                var equals = header.IndexOf('=', StringComparison.Ordinal);
                var name = equals < 0 ? header : header[..equals];
                string? value = equals < 0 ? null : header[(equals + 1)..];
                if (value is null && !secrets.TryDequeue(out value)) return Fail(context, $"--header {name} takes its value from stdin, but stdin has no line left for it");
                headers[name] = value;
            }
            backend["headers"] = headers;
        }
        if (flags.Priority is { } priority) backend["priority"] = priority;
        if (flags.Weight is { } weight) backend["weight"] = weight;
        if (flags.DataZone is not null) backend["dataZone"] = flags.DataZone;
        if (flags.SpilloverDeployment is not null) backend["spilloverDeployment"] = flags.SpilloverDeployment;
        if (secrets.Count > 0) return Fail(context, $"stdin holds {asked + secrets.Count} lines, but {asked} secrets were asked for (--api-key-stdin, --header NAME)");

        var editor = new PoolsFileEditor(context.Home);
        try
        {
            var backup = editor.Add(flags.Tier, backend);
            context.Out.WriteLine($"added to {flags.Tier}: {Describe(backend)}");
            Written(context, editor.Path, backup);
            return ExitCodes.Success;
        }
        catch (ConfigurationException e)
        {
            return Fail(context, Masked(e.Message, backend));
        }
    }

    public static int Remove(CliContext context, string tierAndDeployment, string? endpoint)
    {
        var colon = tierAndDeployment.IndexOf(':', StringComparison.Ordinal);
        var tier = colon < 0 ? "" : tierAndDeployment[..colon];
        if (!PoolsFile.TierNames.Contains(tier) || colon == tierAndDeployment.Length - 1)
            return Fail(context, $"--remove-backend takes TIER:DEPLOYMENT, e.g. big:gpt-5 (TIER is big, middle or small), not \"{tierAndDeployment}\"");
        var deployment = tierAndDeployment[(colon + 1)..];
        var editor = new PoolsFileEditor(context.Home);
        try
        {
            var (removedFrom, backup) = editor.Remove(tier, deployment, endpoint);
            context.Out.WriteLine($"removed from {tier}: {deployment} on {removedFrom}");
            Written(context, editor.Path, backup);
            return ExitCodes.Success;
        }
        catch (ConfigurationException e)
        {
            return Fail(context, e.Message);
        }
    }

    private static void Written(CliContext context, string path, string? backup)
    {
        context.Out.WriteLine($"wrote {path} (mode 0600){(backup is null ? "" : $"; the previous one is {backup}")}");
        context.Out.WriteLine($"The proxy reads pools.json when it starts: run `{ProductInfo.Name} restart`, then `{ProductInfo.Name} test` to call every backend.");
    }

    /// <summary>What was added, with the credential named, never shown.</summary>
    private static string Describe(JsonObject backend)
    {
        var parts = new List<string> { $"{backend["deployment"]} on {backend["endpoint"]}" };
        foreach (var key in (string[])["apiVersion", "auth", "priority", "weight", "dataZone", "spilloverDeployment"])
            if (backend[key] is { } value) parts.Add($"{key} {value}");
        if (backend["apiKey"] is not null) parts.Add("key from stdin");
        if (backend["headers"] is JsonObject headers) parts.Add($"headers {string.Join(", ", headers.Select(h => h.Key))} (values hidden)");
        return string.Join(", ", parts);
    }

    /// <summary>A reader's message may quote a value; the backend's secrets never reach the terminal.</summary>
    private static string Masked(string message, JsonObject backend)
    {
        var secrets = (backend["headers"] as JsonObject)?.Select(h => h.Value?.GetValue<string>()) ?? [];
        return new SecretRedactor([backend["apiKey"]?.GetValue<string>(), .. secrets]).Redact(message);
    }

    private static int Fail(CliContext context, string problem)
    {
        context.Error.WriteLine($"setup: {problem}");
        return ExitCodes.InvalidConfiguration;
    }
}
