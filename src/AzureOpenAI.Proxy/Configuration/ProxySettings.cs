using Microsoft.Extensions.Logging;

namespace AzureOpenAI.Proxy.Configuration;

/// <summary>
/// The typed, validated settings the proxy runs with. Provider settings may be missing (the server still starts and
/// explains what to set on every call, see <c>ProviderSetup</c>); present values are always valid.
/// </summary>
internal sealed record ProxySettings
{
    public const string AzureV1 = "v1";

    /// <summary>Every setting at its <see cref="SettingDefaults"/> value (no provider configured).</summary>
    public ProxySettings() : this(new SettingsReader(EffectiveConfig.Merge([])))
    {
    }

    /// <summary>The one place each setting is read and validated; what no layer sets comes from <see cref="SettingDefaults"/>.</summary>
    private ProxySettings(SettingsReader reader)
    {
        ApiKey = reader.Text(SettingNames.ApiKey);
        BaseUrl = reader.HttpUrl(SettingNames.BaseUrl);
        AzureApiVersion = reader.ApiVersion(SettingNames.AzureApiVersion);
        Provider = reader.Provider(SettingNames.Provider) ?? ProviderDetection.Detect(BaseUrl, AzureApiVersion);
        BigModel = reader.Text(SettingNames.BigModel);
        MiddleModel = reader.Text(SettingNames.MiddleModel);
        SmallModel = reader.Text(SettingNames.SmallModel);
        Port = reader.Integer(SettingNames.Port, 0, 65535);
        Host = reader.ListenHost(SettingNames.Host);
        MaxTokensLimit = reader.Integer(SettingNames.MaxTokensLimit, 1, 10_000_000);
        RequestTimeout = TimeSpan.FromSeconds(reader.Integer(SettingNames.RequestTimeout, 1, 86_400));
        ProxyAuthToken = reader.Text(SettingNames.ProxyAuthToken);
        LogLevel = reader.LogLevel(SettingNames.LogLevel);
        ReasoningModels = reader.List(SettingNames.ReasoningModels);
        MaxRetries = reader.Integer(SettingNames.MaxRetries, 0, 10);
        AzureAuth = reader.OneOf(SettingNames.AzureAuth, "key", "entra") switch
        {
            "key" => AzureAuthMode.Key,
            "entra" => AzureAuthMode.Entra,
            _ => null,
        };
        AzureAdToken = reader.Text(SettingNames.AzureAdToken);
        ApiStyle = reader.OneOf(SettingNames.ApiStyle, "auto", "chat", "responses") switch
        {
            "chat" => ApiStyle.Chat,
            "responses" => ApiStyle.Responses,
            _ => ApiStyle.Auto,
        };
        ResponsesModels = reader.List(SettingNames.ResponsesModels);
        AllowedHosts = reader.List(SettingNames.AllowedHosts);
        AllowedOrigins = reader.List(SettingNames.AllowedOrigins);
        UsageRetentionDays = reader.Integer(SettingNames.UsageRetentionDays, 1, 36_500);
        Prices = PriceOverrides.Parse(SettingNames.Prices, reader.Text(SettingNames.Prices));
        BudgetDailyUsd = PriceOverrides.Amount(SettingNames.BudgetDailyUsd, reader.Text(SettingNames.BudgetDailyUsd));
        BudgetMonthlyUsd = PriceOverrides.Amount(SettingNames.BudgetMonthlyUsd, reader.Text(SettingNames.BudgetMonthlyUsd));
        MaxOutputReservation = reader.Integer(SettingNames.MaxOutputReservation, 16, 10_000_000);
        MinOutputReservation = Math.Min(reader.Integer(SettingNames.MinOutputReservation, 16, 10_000_000), MaxOutputReservation);
        UpstreamHeaders = Configuration.UpstreamHeaders.Parse(reader.Text(SettingNames.UpstreamHeaders));
        PrometheusMetrics = reader.OneOf(SettingNames.PrometheusMetrics, "true", "false") == "true";
        SubagentTier = reader.OneOf(SettingNames.SubagentTier, "opus", "sonnet", "haiku");
        CaptureDirectory = reader.Text(SettingNames.CaptureDirectory);
    }

    public string? ApiKey { get; init; }
    public Uri? BaseUrl { get; init; }

    /// <summary>The configured <c>AZURE_API_VERSION</c>; <see cref="EffectiveAzureApiVersion"/> applies the <c>v1</c> default.</summary>
    public string? AzureApiVersion { get; init; }

    public ProviderKind Provider { get; init; }
    public string? BigModel { get; init; }
    public string? MiddleModel { get; init; }
    public string? SmallModel { get; init; }

    /// <summary><c>opus</c>, <c>sonnet</c> or <c>haiku</c>: the tier every subagent request goes to (<see cref="ClaudeModelPicker"/>); null: as asked.</summary>
    public string? SubagentTier { get; init; }

    /// <summary>Debug only: where each raw Anthropic request is written (<c>RequestCapture</c>); null, the default: nowhere.</summary>
    public string? CaptureDirectory { get; init; }
    public int Port { get; init; }
    public string Host { get; init; }
    public int MaxTokensLimit { get; init; }
    public TimeSpan RequestTimeout { get; init; }
    public string? ProxyAuthToken { get; init; }
    public LogLevel LogLevel { get; init; }
    public IReadOnlyList<string> ReasoningModels { get; init; }
    public int MaxRetries { get; init; }

    /// <summary><c>AZURE_AUTH</c>: <c>key</c> or <c>entra</c>; null means automatic (Entra ID for an Azure endpoint without a key).</summary>
    public AzureAuthMode? AzureAuth { get; init; }

    /// <summary><c>AZURE_OPENAI_AD_TOKEN</c>: a static Entra ID bearer token.</summary>
    public string? AzureAdToken { get; init; }

    /// <summary><c>API_STYLE</c>: Chat Completions, the Responses API, or automatic per deployment.</summary>
    public ApiStyle ApiStyle { get; init; }

    /// <summary><c>RESPONSES_MODELS</c>: deployments that always use the Responses API.</summary>
    public IReadOnlyList<string> ResponsesModels { get; init; }

    /// <summary><c>ALLOWED_HOSTS</c> / <c>ALLOWED_ORIGINS</c>: what the Host/Origin guard accepts besides loopback.</summary>
    public IReadOnlyList<string> AllowedHosts { get; init; }
    public IReadOnlyList<string> AllowedOrigins { get; init; }

    /// <summary><c>USAGE_RETENTION_DAYS</c>: usage records older than this are pruned.</summary>
    public int UsageRetentionDays { get; init; }

    /// <summary><c>PRICES</c>: per-deployment prices that replace the built-in list prices (PTU, discounts, other providers).</summary>
    public IReadOnlyDictionary<string, TokenPrices> Prices { get; init; }

    /// <summary><c>BUDGET_DAILY_USD</c> / <c>BUDGET_MONTHLY_USD</c>: spend limits of this machine's proxy; null when unset.</summary>
    public decimal? BudgetDailyUsd { get; init; }
    public decimal? BudgetMonthlyUsd { get; init; }
    /// <summary><c>MAX_OUTPUT_RESERVATION</c>: the output tokens reserved per request at most (TPM protection).</summary>
    public int MaxOutputReservation { get; init; }

    /// <summary><c>MIN_OUTPUT_RESERVATION</c>: the floor the reservation shrinks to when the upstream's remaining tokens run low.</summary>
    public int MinOutputReservation { get; init; }

    /// <summary><c>UPSTREAM_HEADERS</c>: static headers for the single deployment (an APIM subscription key).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> UpstreamHeaders { get; init; }

    /// <summary><c>pools.json</c> of the data home, or null: every tier is the single deployment above.</summary>
    public PoolsFile? Pools { get; init; }

    /// <summary><c>PROMETHEUS_METRICS</c>: serve the metrics at <c>/metrics</c> for a Prometheus scrape.</summary>
    public bool PrometheusMetrics { get; init; }

    public string EffectiveAzureApiVersion => AzureApiVersion ?? AzureV1;

    /// <summary>
    /// The credential these settings select (<see cref="UpstreamCredential.Resolve"/>). Derived on read rather than
    /// stored, so a copy made with <c>with</c> never carries the credential of the settings it was copied from.
    /// </summary>
    public UpstreamCredentialKind Credential => UpstreamCredential.Resolve(this);

    /// <summary>Reads and validates <paramref name="config"/>; throws <see cref="ConfigurationException"/> (one line) on the first bad value.</summary>
    /// <remarks><c>pools.json</c> is read from the data home of this process's environment, as the daemon serves it.</remarks>
    public static ProxySettings Load(EffectiveConfig config) =>
        new(new SettingsReader(config)) { Pools = PoolsFile.Load(DataHome.FromProcessEnvironment()) };
}
