namespace AzureOpenAI.Proxy.Cli;

/// <summary>Process exit codes, shared by every verb.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>A runtime failure (e.g. the port is taken).</summary>
    public const int Failure = 1;

    /// <summary>An invalid setting or argument; one line on stderr says which and why.</summary>
    public const int InvalidConfiguration = 2;

    /// <summary><c>status</c>: the proxy is not running (DESIGN.md §3).</summary>
    public const int NotRunning = 3;

    /// <summary><c>start</c>: the port is taken by another program (named when /proc tells).</summary>
    public const int PortInUse = 4;
}
