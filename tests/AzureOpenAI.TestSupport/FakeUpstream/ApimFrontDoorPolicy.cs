using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace AzureOpenAI.TestSupport.FakeUpstream;

/// <summary>
/// Azure API Management in front of Azure OpenAI, as strict as APIM: requests must start with <see cref="Prefix"/>
/// (the API's URL suffix, replacing <c>/openai</c> of the resource: <c>/team-a/openai/…</c> → <c>/openai/…</c>),
/// carry the subscription key (else 401 in APIM's <c>{"statusCode","message"}</c> shape; another path is 404), and
/// get APIM's quota answers when scripted: the rate-limit policy's 429 with <c>Retry-After</c>, and the quota
/// policy's 403 "Out of call volume quota". Admitted requests go on with the backend's <c>api-key</c> (APIM's
/// named value), as a real gateway's policy sets it.
/// </summary>
public sealed class ApimFrontDoorPolicy(string subscriptionKey, string backendApiKey, string prefix = "/team-a") : IFrontDoorPolicy
{
    public const string SubscriptionKeyHeader = "Ocp-Apim-Subscription-Key";

    private readonly ConcurrentQueue<FrontDoorVerdict.Refuse> _quota = new();

    public string Prefix { get; } = prefix;

    /// <summary>The rate-limit policy's answer to the next admitted request.</summary>
    public void EnqueueRateLimit(int retryAfterSeconds) => _quota.Enqueue(Apim(429, $"Rate limit is exceeded. Try again in {retryAfterSeconds} seconds.",
        new Dictionary<string, string> { ["Retry-After"] = $"{retryAfterSeconds}" }));

    /// <summary>The quota policy's answer to the next admitted request (no Retry-After: only the message says when).</summary>
    public void EnqueueCallVolumeQuota(TimeSpan replenishedIn) =>
        _quota.Enqueue(Apim(403, $"Out of call volume quota. Quota will be replenished in {replenishedIn:hh\\:mm\\:ss}.", new Dictionary<string, string>()));

    public FrontDoorVerdict Admit(FrontDoorRequest request)
    {
        if (!request.Path.StartsWith(Prefix + "/openai/", StringComparison.Ordinal))
            return Apim(404, "Resource not found", new Dictionary<string, string>());
        if (!request.Headers.TryGetValue(SubscriptionKeyHeader, out var key) || key.Length == 0)
            return Apim(401, "Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.",
                new Dictionary<string, string>());
        if (key != subscriptionKey)
            return Apim(401, "Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.",
                new Dictionary<string, string>());
        if (_quota.TryDequeue(out var quota)) return quota;
        return new FrontDoorVerdict.Forward(request.Path[Prefix.Length..], new Dictionary<string, string> { ["api-key"] = backendApiKey },
            new Dictionary<string, string>());
    }

    private static FrontDoorVerdict.Refuse Apim(int status, string message, IReadOnlyDictionary<string, string> headers) =>
        new(status, new JsonObject { ["statusCode"] = status, ["message"] = message }, headers);
}
