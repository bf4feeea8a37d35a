using AzureOpenAI.Proxy.Configuration;

namespace AzureOpenAI.Proxy.Daemon;

/// <summary>
/// The daemon of a data home: the one its pid file names, or else an orphan, one without a pid file (its starter was
/// killed before writing it, or the file was deleted) that answers <c>/health</c> at the expected address naming this
/// data home and a live <c>azure-openai serve</c> (<see cref="DaemonIdentity.Serves"/>).
/// </summary>
internal static class RunningDaemon
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(1);

    /// <param name="expectedUrl">Where an orphan would listen (the configured host and port); null looks at the pid file only.</param>
    public static async Task<PidFile?> FindAsync(DataHome home, Uri? expectedUrl, CancellationToken cancellationToken)
    {
        if (PidFile.Read(home.PidFile) is { IsRunning: true } recorded) return recorded;
        return expectedUrl is null ? null : Orphan(home, expectedUrl, await IdentifyAsync(expectedUrl, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Where the daemon of <paramref name="settings"/> listens; null when the configuration is invalid.</summary>
    public static Uri? ExpectedUrl(ProxySettings? settings) => settings is null ? null : HealthProbe.LocalUrl(settings.Host, settings.Port);

    public static Task<DaemonIdentity?> IdentifyAsync(Uri url, CancellationToken cancellationToken) =>
        HealthProbe.IdentifyAsync(url, ProbeTimeout, cancellationToken);

    /// <summary>The daemon <paramref name="identity"/> describes when it is this data home's, as a pid file would record it.</summary>
    public static PidFile? Orphan(DataHome home, Uri url, DaemonIdentity? identity) =>
        identity is not null && identity.Serves(home) ? new PidFile(identity.Pid, url, ProcessTable.StartTimeUtc(identity.Pid)) : null;
}
