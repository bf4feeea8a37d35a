using AzureOpenAI.Proxy.Upstream;
using Microsoft.Extensions.Logging;

namespace AzureOpenAI.Proxy.Configuration;

/// <summary>
/// The typed, validated settings the proxy runs with. Provider settings may be missing (the server still starts and
/// explains what to set on every call, see <see cref="Upstream.ProviderSetup"/>); present values are always valid.
/// </summary>
internal sealed record ProxySettings
{
    public const string AzureV1 = "v1";

    public string? ApiKey { get; init; }
    public Uri? BaseUrl { get; init; }

    /// <summary>The configured <c>AZURE_API_VERSION</c>; <see cref="EffectiveAzureApiVersion"/> applies the <c>v1</c> default.</summary>
    public string? AzureApiVersion { get; init; }

    public ProviderKind Provider { get; init; } = ProviderKind.OpenAI;
    public string? BigModel { get; init; }
    public string? MiddleModel { get; init; }
    public string? SmallModel { get; init; }
    public int Port { get; init; } = 8082;
    public string Host { get; init; } = "127.0.0.1";
    public int MaxTokensLimit { get; init; } = 131072;
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(300);
    public string? ProxyAuthToken { get; init; }
    public LogLevel LogLevel { get; init; } = LogLevel.Information;
    public IReadOnlyList<string> ReasoningModels { get; init; } = ["o1", "o3", "o4", "gpt-5"];
    public int MaxRetries { get; init; } = 2;

    /// <summary><c>AZURE_AUTH</c>: <c>key</c> or <c>entra</c>; null means automatic (Entra ID for an Azure endpoint without a key).</summary>
    public AzureAuthMode? AzureAuth { get; init; }

    /// <summary><c>AZURE_OPENAI_AD_TOKEN</c>: a static Entra ID bearer token.</summary>
    public string? AzureAdToken { get; init; }

    /// <summary><c>API_STYLE</c>: Chat Completions, the Responses API, or automatic per deployment.</summary>
    public ApiStyle ApiStyle { get; init; } = ApiStyle.Auto;

    /// <summary><c>RESPONSES_MODELS</c>: deployments that always use the Responses API.</summary>
    public IReadOnlyList<string> ResponsesModels { get; init; } = [];

    /// <summary><c>ALLOWED_HOSTS</c> / <c>ALLOWED_ORIGINS</c>: what the Host/Origin guard accepts besides loopback (<see cref="Server.HostOriginGuard"/>).</summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];
    public IReadOnlyList<string> AllowedOrigins { get; init; } = [];

    public string EffectiveAzureApiVersion => AzureApiVersion ?? AzureV1;

    /// <summary>Reads and validates <paramref name="config"/>; throws <see cref="ConfigurationException"/> (one line) on the first bad value.</summary>
    public static ProxySettings Load(EffectiveConfig config)
    {
        var reader = new SettingsReader(config);
        var baseUrl = reader.HttpUrl(SettingNames.BaseUrl);
        var apiVersion = reader.ApiVersion(SettingNames.AzureApiVersion);
        return new ProxySettings
        {
            ApiKey = reader.Text(SettingNames.ApiKey),
            BaseUrl = baseUrl,
            AzureApiVersion = apiVersion,
            Provider = reader.Provider(SettingNames.Provider) ?? ProviderDetection.Detect(baseUrl, apiVersion),
            BigModel = reader.Text(SettingNames.BigModel),
            MiddleModel = reader.Text(SettingNames.MiddleModel),
            SmallModel = reader.Text(SettingNames.SmallModel),
            Port = reader.Integer(SettingNames.Port, 0, 65535) ?? 8082,
            Host = reader.ListenHost(SettingNames.Host) ?? "127.0.0.1",
            MaxTokensLimit = reader.Integer(SettingNames.MaxTokensLimit, 1, 10_000_000) ?? 131072,
            RequestTimeout = TimeSpan.FromSeconds(reader.Integer(SettingNames.RequestTimeout, 1, 86_400) ?? 300),
            ProxyAuthToken = reader.Text(SettingNames.ProxyAuthToken),
            LogLevel = reader.LogLevel(SettingNames.LogLevel) ?? LogLevel.Information,
            ReasoningModels = reader.List(SettingNames.ReasoningModels) ?? ["o1", "o3", "o4", "gpt-5"],
            MaxRetries = reader.Integer(SettingNames.MaxRetries, 0, 10) ?? 2,
            AzureAuth = reader.OneOf(SettingNames.AzureAuth, "key", "entra") switch
            {
                "key" => AzureAuthMode.Key,
                "entra" => AzureAuthMode.Entra,
                _ => null,
            },
            AzureAdToken = reader.Text(SettingNames.AzureAdToken),
            ApiStyle = reader.OneOf(SettingNames.ApiStyle, "auto", "chat", "responses") switch
            {
                "chat" => ApiStyle.Chat,
                "responses" => ApiStyle.Responses,
                _ => ApiStyle.Auto,
            },
            ResponsesModels = reader.List(SettingNames.ResponsesModels) ?? [],
            AllowedHosts = reader.List(SettingNames.AllowedHosts) ?? [],
            AllowedOrigins = reader.List(SettingNames.AllowedOrigins) ?? [],
        };
    }
}
