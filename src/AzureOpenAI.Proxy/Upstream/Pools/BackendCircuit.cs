using Polly;
using Polly.CircuitBreaker;

namespace AzureOpenAI.Proxy.Upstream.Pools;

/// <summary>
/// A backend's circuit breaker (Polly's): after repeated faults (5xx, lost connections, timeouts; a 429 is a
/// cool-down, not a fault) it opens, and calls skip the backend without a request; after <see cref="BreakDuration"/>
/// the next call is let through as a probe (half-open), which closes it again or reopens it.
/// </summary>
internal sealed class BackendCircuit
{
    public static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(30);
    public const int MinimumThroughput = 3;

    private readonly CircuitBreakerStateProvider _state = new();
    private readonly ResiliencePipeline<UpstreamResult> _pipeline;
    private readonly TimeProvider _time;
    private DateTimeOffset _openUntil;

    public BackendCircuit(TimeProvider time)
    {
        _time = time;
        _pipeline = new ResiliencePipelineBuilder<UpstreamResult> { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<UpstreamResult>
            {
                FailureRatio = 0.5,
                MinimumThroughput = MinimumThroughput,
                SamplingDuration = TimeSpan.FromMinutes(1),
                BreakDuration = BreakDuration,
                StateProvider = _state,
                ShouldHandle = arguments => ValueTask.FromResult(arguments.Outcome.Result is UpstreamFailure failure && IsFault(failure)),
                OnOpened = arguments =>
                {
                    _openUntil = _time.GetUtcNow() + arguments.BreakDuration;
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>Open and not yet due for a probe.</summary>
    public bool IsOpen => _state.CircuitState == CircuitState.Open && _time.GetUtcNow() < _openUntil;

    /// <summary>When an open circuit lets a probe through.</summary>
    public DateTimeOffset OpenUntil => _openUntil;

    /// <summary>
    /// Runs <paramref name="send"/> through the breaker; null when the circuit is open (nothing was sent). The send
    /// honours the client's abort itself and reports it as a result, so the breaker gets no token to throw on.
    /// </summary>
    public async Task<UpstreamResult?> ExecuteAsync(Func<Task<UpstreamResult>> send)
    {
        try
        {
            return await _pipeline.ExecuteAsync(static async (send, _) => await send().ConfigureAwait(false), send, CancellationToken.None)
                .ConfigureAwait(false);
        }
        catch (BrokenCircuitException)
        {
            return null;
        }
    }

    private static bool IsFault(UpstreamFailure failure) => failure.Kind switch
    {
        UpstreamFailureKind.ConnectionFailed or UpstreamFailureKind.Timeout => true,
        UpstreamFailureKind.HttpStatus => failure.Status >= 500,
        _ => false,
    };
}
