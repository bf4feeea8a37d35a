namespace AzureOpenAI.Proxy.Cli;

/// <summary>The outcome of the <c>test</c> call: the reply and latency, or why it failed.</summary>
internal sealed record ProbeResult(TimeSpan Latency, string? Reply, ProbeFailure? Failure)
{
    public const string Prompt = "Reply with the single word: pong";
}
