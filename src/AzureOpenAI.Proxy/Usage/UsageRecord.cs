namespace AzureOpenAI.Proxy.Usage;

/// <summary>
/// One request through the proxy, as it is stored in <c>usage.db</c>. Token counts follow the upstream's usage:
/// <see cref="InputTokens"/> counts every prompt token, <see cref="CachedTokens"/> is the part served from the prompt
/// cache; <see cref="OutputTokens"/> counts every completion token, <see cref="ReasoningTokens"/> the reasoning part
/// of it (so reasoning is billed as output, never twice).
/// </summary>
internal sealed record UsageRecord
{
    public required DateTimeOffset Time { get; init; }

    /// <summary>Claude Code's <c>X-Claude-Code-Session-Id</c>; null for other clients.</summary>
    public string? Session { get; init; }

    /// <summary>Claude Code's <c>x-claude-code-agent-id</c>, or <see cref="MainAgent"/> for the main loop.</summary>
    public string Agent { get; init; } = MainAgent;

    public required string RequestedModel { get; init; }
    public required ModelTier Tier { get; init; }

    /// <summary>The upstream that served the request (the provider, or a named backend).</summary>
    public string? Backend { get; init; }

    public string? Deployment { get; init; }

    /// <summary><c>chat</c> or <c>responses</c>; null when no upstream call was made.</summary>
    public string? Api { get; init; }

    public long InputTokens { get; init; }
    public long CachedTokens { get; init; }
    public long OutputTokens { get; init; }
    public long ReasoningTokens { get; init; }

    /// <summary>From sending the upstream request to the end of its answer.</summary>
    public TimeSpan? UpstreamTime { get; init; }

    /// <summary>From sending the upstream request to its first streamed token.</summary>
    public TimeSpan? TimeToFirstToken { get; init; }

    /// <summary>The proxy's own time: the whole request minus <see cref="UpstreamTime"/>.</summary>
    public TimeSpan? ProxyTime { get; init; }

    public required int Status { get; init; }

    /// <summary>The Anthropic error type of a failed request (e.g. <c>rate_limit_error</c>); null on success.</summary>
    public string? ErrorType { get; init; }

    /// <summary>Set by <see cref="UsageRecorder"/> from the <see cref="PriceTable"/>; null when the deployment has no price.</summary>
    public decimal? CostUsd { get; init; }

    public const string MainAgent = "main";
}
