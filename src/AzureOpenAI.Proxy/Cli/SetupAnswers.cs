using System.Globalization;
using AzureOpenAI.Proxy.Configuration;

namespace AzureOpenAI.Proxy.Cli;

/// <summary>What the user gave <c>setup</c> (flags or wizard answers); null means "keep what is configured".</summary>
internal sealed record SetupAnswers
{
    public const string SetupSource = "setup";

    public string? Endpoint { get; init; }
    public string? ApiKey { get; init; }
    public string? ApiVersion { get; init; }
    public string? BigModel { get; init; }
    public string? MiddleModel { get; init; }
    public string? SmallModel { get; init; }
    public int? Port { get; init; }

    /// <summary><c>key</c> or <c>entra</c> (Microsoft Entra ID, no key needed).</summary>
    public string? Auth { get; init; }

    public bool UsesEntra => string.Equals(Auth, "entra", StringComparison.OrdinalIgnoreCase);

    /// <summary>The config.env entries these answers set.</summary>
    public Dictionary<string, string?> ToConfigEnv()
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        void Set(string name, string? value) { if (!string.IsNullOrWhiteSpace(value)) values[name] = value.Trim(); }
        Set(SettingNames.BaseUrl, Endpoint);
        Set(SettingNames.ApiKey, ApiKey);
        Set(SettingNames.AzureApiVersion, ApiVersion);
        Set(SettingNames.BigModel, BigModel);
        Set(SettingNames.MiddleModel, MiddleModel);
        Set(SettingNames.SmallModel, SmallModel);
        Set(SettingNames.Port, Port?.ToString(CultureInfo.InvariantCulture));
        Set(SettingNames.AzureAuth, Auth?.ToLowerInvariant());
        // Entra ID needs no key: one left in config.env would be an unused secret on disk.
        if (UsesEntra) values[SettingNames.ApiKey] = null;
        return values;
    }

    /// <summary>
    /// Every problem with these answers on top of <paramref name="current"/>: a value that does not validate (URL
    /// shape, port range, …) or a required value that neither the answers nor the configuration provide.
    /// </summary>
    public IReadOnlyList<string> Problems(EffectiveConfig current)
    {
        var problems = new List<string>();
        var merged = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in current.Values) merged[name] = value.Value;
        if (UsesEntra && ApiKey is not null) problems.Add("--auth entra takes no API key: leave out --api-key-stdin");
        foreach (var (name, value) in ToConfigEnv())
        {
            if (value is null)
            {
                merged.Remove(name);
                continue;
            }
            merged[name] = value;
            if (ConfigSnapshot.Validate(name, value, SetupSource) is { } problem) problems.Add(problem);
        }

        void Require(string name, string flag)
        {
            if (!merged.ContainsKey(name)) problems.Add($"{name} is required: pass {flag}");
        }
        Require(SettingNames.BaseUrl, "--endpoint https://<resource>.openai.azure.com");
        var local = Uri.TryCreate(merged.GetValueOrDefault(SettingNames.BaseUrl), UriKind.Absolute, out var url) && url.IsLoopback;
        // Azure without a key is Entra ID (UpstreamCredential); other remote providers need their key.
        var azure = IsAzure(merged.GetValueOrDefault(SettingNames.BaseUrl), current);
        var keyAuth = string.Equals(Auth ?? merged.GetValueOrDefault(SettingNames.AzureAuth), "key", StringComparison.OrdinalIgnoreCase);
        if (!UsesEntra && !local && (!azure || keyAuth)) Require(SettingNames.ApiKey, "the key on stdin with --api-key-stdin (or --auth entra)");
        Require(SettingNames.BigModel, "--big <deployment>");
        Require(SettingNames.MiddleModel, "--middle <deployment>");
        Require(SettingNames.SmallModel, "--small <deployment>");
        return problems;
    }

    /// <summary>Azure endpoints get <c>AZURE_API_VERSION</c> (default v1); others must not, as it would select Azure.</summary>
    public SetupAnswers WithDefaultApiVersion(EffectiveConfig current)
    {
        if (ApiVersion is not null || current.Get(SettingNames.AzureApiVersion) is not null) return this;
        return IsAzure(Endpoint ?? current.Get(SettingNames.BaseUrl), current) ? this with { ApiVersion = ProxySettings.AzureV1 } : this;
    }

    /// <summary>Whether the endpoint is Azure: an Azure host, an api-version already configured, or PROVIDER=azure.</summary>
    public static bool IsAzure(string? endpoint, EffectiveConfig current) =>
        (Uri.TryCreate(endpoint, UriKind.Absolute, out var url) && ProviderDetection.IsAzureHost(url.Host))
        || current.Get(SettingNames.AzureApiVersion) is not null
        || string.Equals(current.Get(SettingNames.Provider), "azure", StringComparison.OrdinalIgnoreCase);
}
