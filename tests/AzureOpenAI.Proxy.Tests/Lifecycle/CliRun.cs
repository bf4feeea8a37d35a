namespace AzureOpenAI.Proxy.Tests.Lifecycle;

/// <summary>One finished run of the real <c>azure-openai</c> executable.</summary>
public sealed record CliRun(IReadOnlyList<string> Arguments, int ExitCode, string Stdout, string Stderr)
{
    public string Output => Stdout + Stderr;

    /// <summary>For assertion messages: what ran and everything it printed.</summary>
    public override string ToString() => $"azure-openai {string.Join(' ', Arguments)} → exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
