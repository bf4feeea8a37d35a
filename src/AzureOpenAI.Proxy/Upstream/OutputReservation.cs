namespace AzureOpenAI.Proxy.Upstream;

/// <summary>
/// The output tokens reserved per request (<c>max_completion_tokens</c>, <c>max_output_tokens</c> or <c>max_tokens</c>).
/// Azure Standard deployments count prompt + reservation against tokens-per-minute when a request arrives, and Claude
/// Code asks for 128k every turn, so the reservation is what decides whether the next turn gets a 429:
/// <code>
/// reservation = min(output cap of the deployment, reservation ceiling)
/// remaining tokens known and prompt + reservation would not fit  →  shrink to remaining − prompt, down to the floor
/// </code>
/// The request's own <c>max_tokens</c> lowers it further (the mappers take the smaller). An answer cut by the
/// reservation ends with <c>stop_reason: "max_tokens"</c>, as on Anthropic.
/// </summary>
internal static class OutputReservation
{
    public static int Shape(int outputCap, int ceiling, int floor, int promptTokens, int? remainingTokens)
    {
        var reservation = Math.Min(outputCap, ceiling);
        if (remainingTokens is { } remaining && (long)promptTokens + reservation > remaining)
            reservation = Math.Max(Math.Min(floor, reservation), remaining - promptTokens);
        return reservation;
    }
}
