using System.Globalization;
using Microsoft.Extensions.Logging;

namespace AzureOpenAI.Proxy.Configuration;

/// <summary>
/// Typed reads of <see cref="EffectiveConfig"/> values, falling back to <see cref="SettingDefaults"/> for what no layer
/// sets; each failure names the variable, its source and the problem. Reads of settings that have a default never
/// return null.
/// </summary>
internal sealed class SettingsReader(EffectiveConfig config)
{
    public string? Text(string name) => Find(name)?.Value;

    public int Integer(string name, int min, int max)
    {
        var value = Defaulted(name);
        if (!int.TryParse(value.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            throw ConfigurationException.Invalid(name, value, $"\"{value.Value}\" is not a whole number");
        if (number < min || number > max)
            throw ConfigurationException.Invalid(name, value, $"{number} is out of range ({min}–{max})");
        return number;
    }

    public Uri? HttpUrl(string name)
    {
        if (Find(name) is not { } value) return null;
        if (!Uri.TryCreate(value.Value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
            throw ConfigurationException.Invalid(name, value,
                $"\"{value.Value}\" is not an http(s) URL (expected e.g. https://<resource>.openai.azure.com)");
        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
            throw ConfigurationException.Invalid(name, value, "the URL must not carry a query or fragment; set the api-version with AZURE_API_VERSION");
        return uri;
    }

    /// <summary><c>v1</c>, <c>latest</c>, <c>preview</c> or a dated version such as <c>2024-10-21</c> / <c>2025-04-01-preview</c>.</summary>
    public string? ApiVersion(string name)
    {
        if (Find(name) is not { } value) return null;
        foreach (var c in value.Value)
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '.'))
                throw ConfigurationException.Invalid(name, value, $"\"{value.Value}\" is not an api-version (expected v1 or a date such as 2024-10-21)");
        return value.Value;
    }

    public ProviderKind? Provider(string name)
    {
        if (Find(name) is not { } value) return null;
        return value.Value.ToLowerInvariant() switch
        {
            "auto" => null,
            "azure" => ProviderKind.Azure,
            "openai" => ProviderKind.OpenAI,
            _ => throw ConfigurationException.Invalid(name, value, $"unknown provider \"{value.Value}\" (expected azure, openai or auto)"),
        };
    }

    /// <summary>One of <paramref name="allowed"/> (case-insensitive), lower-cased; null when unset.</summary>
    public string? OneOf(string name, params string[] allowed)
    {
        if (Find(name) is not { } value) return null;
        var lower = value.Value.ToLowerInvariant();
        return allowed.Contains(lower)
            ? lower
            : throw ConfigurationException.Invalid(name, value, $"\"{value.Value}\" is not one of {string.Join(", ", allowed)}");
    }

    public LogLevel LogLevel(string name)
    {
        var value = Defaulted(name);
        return value.Value.ToLowerInvariant() switch
        {
            "trace" => Microsoft.Extensions.Logging.LogLevel.Trace,
            "debug" => Microsoft.Extensions.Logging.LogLevel.Debug,
            "info" or "information" => Microsoft.Extensions.Logging.LogLevel.Information,
            "warn" or "warning" => Microsoft.Extensions.Logging.LogLevel.Warning,
            "error" => Microsoft.Extensions.Logging.LogLevel.Error,
            "critical" => Microsoft.Extensions.Logging.LogLevel.Critical,
            "none" or "off" => Microsoft.Extensions.Logging.LogLevel.None,
            _ => throw ConfigurationException.Invalid(name, value, $"unknown log level \"{value.Value}\" (expected debug, info, warning or error)"),
        };
    }

    /// <summary>An IP address, <c>localhost</c>, or <c>*</c>/<c>0.0.0.0</c> for every interface.</summary>
    public string ListenHost(string name)
    {
        var value = Defaulted(name);
        if (IsListenHost(value.Value)) return value.Value;
        throw ConfigurationException.Invalid(name, value, $"\"{value.Value}\" is not an IP address or localhost (e.g. 127.0.0.1)");
    }

    public static bool IsListenHost(string host) =>
        host is "*" || string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || System.Net.IPAddress.TryParse(host, out _);

    /// <summary>A comma-separated list; empty when neither a layer nor the defaults set it.</summary>
    public IReadOnlyList<string> List(string name) =>
        Text(name)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    private ConfigValue? Find(string name) => config.Find(name) ?? SettingDefaults.Find(name);

    private ConfigValue Defaulted(string name) =>
        Find(name) ?? throw new InvalidOperationException($"{name} has no entry in {nameof(SettingDefaults)}");
}
