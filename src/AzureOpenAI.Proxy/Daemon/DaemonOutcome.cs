namespace AzureOpenAI.Proxy.Daemon;

/// <summary>What <see cref="DaemonController"/> did; the verbs turn it into words and an exit code.</summary>
internal enum DaemonOutcome
{
    Started,
    AlreadyRunning,
    Stopped,
    NotRunning,
    PortInUse,
    FailedToStart,
    Busy,
}

/// <param name="Message">One or a few lines for the user, already redacted.</param>
internal sealed record DaemonResult(DaemonOutcome Outcome, string Message, PidFile? Daemon = null)
{
    public bool Succeeded => Outcome is DaemonOutcome.Started or DaemonOutcome.AlreadyRunning or DaemonOutcome.Stopped or DaemonOutcome.NotRunning;
}
