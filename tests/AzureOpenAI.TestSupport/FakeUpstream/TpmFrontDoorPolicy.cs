using System.Globalization;
using System.Text.Json.Nodes;

namespace AzureOpenAI.TestSupport.FakeUpstream;

/// <summary>
/// Azure Standard's tokens-per-minute admission, on a clock the test controls: a request costs its prompt estimate
/// (the characters of <c>messages</c> / 4, as Azure estimates before tokenizing) plus its reservation
/// (<c>max_completion_tokens</c>, <c>max_output_tokens</c> or <c>max_tokens</c>); the costs of the last 60 s must stay
/// within <see cref="TokensPerMinute"/>, else 429 with <c>retry-after-ms</c> until enough has left the window (and
/// nothing is counted). Admitted answers carry <c>x-ratelimit-remaining-tokens</c>. A request that names no
/// reservation is refused: Azure would reserve the model's whole output, which no test here means to send.
/// </summary>
public sealed class TpmFrontDoorPolicy(int tokensPerMinute, TimeProvider time) : IFrontDoorPolicy
{
    private readonly List<(DateTimeOffset At, int Cost)> _admitted = [];

    public int TokensPerMinute { get; } = tokensPerMinute;

    /// <summary>The reservation of every request received, in order, and whether it was admitted.</summary>
    public List<(int Reservation, bool Admitted)> Log { get; } = [];

    public FrontDoorVerdict Admit(FrontDoorRequest request)
    {
        var body = request.Json as JsonObject ?? throw new InvalidOperationException("not a JSON request");
        var reservation = (body["max_completion_tokens"] ?? body["max_output_tokens"] ?? body["max_tokens"])?.GetValue<int>()
            ?? throw new InvalidOperationException("the request names no reservation");
        var prompt = ((body["messages"] ?? body["input"])?.ToJsonString().Length ?? 0) / 4;
        var cost = prompt + reservation;
        lock (_admitted)
        {
            var now = time.GetUtcNow();
            _admitted.RemoveAll(a => now - a.At >= TimeSpan.FromMinutes(1));
            var used = _admitted.Sum(a => a.Cost);
            if (used + cost > TokensPerMinute)
            {
                Log.Add((reservation, false));
                var wait = WaitUntilFits(now, used, cost);
                return new FrontDoorVerdict.Refuse(429, UpstreamError.Azure(429, "429",
                        "Requests to the ChatCompletions_Create Operation under Azure OpenAI API version v1 have exceeded token rate limit of your current "
                        + $"pricing tier. Please retry after {(int)Math.Ceiling(wait.TotalSeconds)} seconds.").Body,
                    new Dictionary<string, string>
                    {
                        ["retry-after-ms"] = ((long)wait.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
                        ["retry-after"] = ((long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture),
                        ["x-ratelimit-remaining-tokens"] = Math.Max(0, TokensPerMinute - used).ToString(CultureInfo.InvariantCulture),
                    });
            }
            _admitted.Add((now, cost));
            Log.Add((reservation, true));
            return new FrontDoorVerdict.Forward(request.Path, new Dictionary<string, string> { ["api-key"] = request.Headers.GetValueOrDefault("api-key", "") },
                new Dictionary<string, string> { ["x-ratelimit-remaining-tokens"] = (TokensPerMinute - used - cost).ToString(CultureInfo.InvariantCulture) });
        }
    }

    private TimeSpan WaitUntilFits(DateTimeOffset now, int used, int cost)
    {
        foreach (var (at, spent) in _admitted)
        {
            used -= spent;
            if (used + cost <= TokensPerMinute) return at + TimeSpan.FromMinutes(1) - now;
        }
        return TimeSpan.FromMinutes(1);
    }
}
