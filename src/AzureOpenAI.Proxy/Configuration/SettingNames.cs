namespace AzureOpenAI.Proxy.Configuration;

/// <summary>The configuration names of DESIGN.md §2, the same in the environment and in <c>.env</c> files.</summary>
internal static class SettingNames
{
    public const string ApiKey = "OPENAI_API_KEY";
    public const string BaseUrl = "OPENAI_BASE_URL";
    public const string AzureApiVersion = "AZURE_API_VERSION";
    public const string Provider = "PROVIDER";
    public const string BigModel = "BIG_MODEL";
    public const string MiddleModel = "MIDDLE_MODEL";
    public const string SmallModel = "SMALL_MODEL";
    public const string Port = "PORT";
    public const string Host = "HOST";
    public const string MaxTokensLimit = "MAX_TOKENS_LIMIT";
    public const string RequestTimeout = "REQUEST_TIMEOUT";
    public const string ProxyAuthToken = "PROXY_AUTH_TOKEN";
    public const string LogLevel = "LOG_LEVEL";
    public const string ReasoningModels = "REASONING_MODELS";
    public const string MaxRetries = "MAX_RETRIES";
    public const string AzureAuth = "AZURE_AUTH";
    public const string AzureAdToken = "AZURE_OPENAI_AD_TOKEN";
    public const string ApiStyle = "API_STYLE";
    public const string ResponsesModels = "RESPONSES_MODELS";
    public const string AllowedHosts = "ALLOWED_HOSTS";
    public const string AllowedOrigins = "ALLOWED_ORIGINS";
    public const string UsageRetentionDays = "USAGE_RETENTION_DAYS";
    public const string Prices = "PRICES";
    public const string BudgetDailyUsd = "BUDGET_DAILY_USD";
    public const string BudgetMonthlyUsd = "BUDGET_MONTHLY_USD";
    public const string MaxOutputReservation = "MAX_OUTPUT_RESERVATION";
    public const string MinOutputReservation = "MIN_OUTPUT_RESERVATION";
    public const string UpstreamHeaders = "UPSTREAM_HEADERS";
    public const string PrometheusMetrics = "PROMETHEUS_METRICS";
    public const string SubagentTier = "SUBAGENT_TIER";
    public const string CaptureDirectory = "AZURE_OPENAI_CAPTURE_DIR";

    /// <summary><c>true</c> lets project-level layers set what <see cref="ProjectTrust"/> otherwise refuses them.</summary>
    public const string TrustProjectConfig = "AZURE_OPENAI_TRUST_PROJECT_CONFIG";

    /// <summary>Not a setting: the path of the <c>.env</c> file to read instead of <c>./.env</c>.</summary>
    public const string EnvFile = "AZURE_OPENAI_ENV_FILE";

    /// <summary>Every name the loader keeps; other variables of the environment or a <c>.env</c> file are ignored.</summary>
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        ApiKey, BaseUrl, AzureApiVersion, Provider, BigModel, MiddleModel, SmallModel, Port, Host, MaxTokensLimit,
        RequestTimeout, ProxyAuthToken, LogLevel, ReasoningModels, MaxRetries, AzureAuth, AzureAdToken, ApiStyle,
        ResponsesModels, AllowedHosts, AllowedOrigins, TrustProjectConfig, UsageRetentionDays, Prices, BudgetDailyUsd,
        BudgetMonthlyUsd, MaxOutputReservation, MinOutputReservation, UpstreamHeaders, PrometheusMetrics, SubagentTier, CaptureDirectory,
    };

    /// <summary>Values that must never be printed or logged.</summary>
    public static bool IsSecret(string name) => name is ApiKey or ProxyAuthToken or AzureAdToken or UpstreamHeaders;
}
