namespace AzureOpenAI.Proxy.Daemon;

/// <summary>
/// An exclusive lock on the data home's lock file, held around check-and-spawn (and stop), so concurrent
/// <c>start</c> calls from terminals and hooks yield exactly one proxy. On Unix, <see cref="FileShare.None"/> makes
/// .NET take a non-blocking <c>flock(LOCK_EX)</c>, released by the kernel even when the holder is killed. <c>setup</c>
/// holds it across its whole run.
/// </summary>
internal sealed class DaemonLock : IDisposable
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(50);

    // Null in a lent lock: the holder, not the borrower, releases it.
    private readonly FileStream? _stream;

    private DaemonLock(FileStream? stream) => _stream = stream;

    /// <summary>Waits up to <paramref name="timeout"/>; null when another holder kept the lock all that time.</summary>
    public static async Task<DaemonLock?> AcquireAsync(string path, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
                if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                return new DaemonLock(new FileStream(path, options));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(RetryInterval, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException)
            {
                return null;
            }
        }
    }

    /// <summary>
    /// The same lock for code its holder calls (setup's start and stop): taking it again would wait for ourselves,
    /// as flock locks of two opens conflict even within one process. Disposing the loan releases nothing.
    /// </summary>
    public DaemonLock Lend() => new(null);

    public void Dispose() => _stream?.Dispose();
}
