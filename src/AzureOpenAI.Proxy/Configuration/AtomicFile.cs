using System.Text;

namespace AzureOpenAI.Proxy.Configuration;

/// <summary>
/// Replaces a file so that readers see either the old content or the new one, never half of it, and a crash leaves
/// the original intact: temp file in the same folder (mode 0600 from creation, so a secret is never world-readable
/// even for an instant) → fsync → rename over the target.
/// </summary>
internal static class AtomicFile
{
    public const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Writes <paramref name="content"/> (what <paramref name="path"/> held) beside it as <c>PATH.bak-YYYYMMDD-HHMMSS</c>
    /// (<c>-N</c> added when that exists), mode 0600; returns the backup's path.
    /// </summary>
    public static string WriteBackup(string path, string content, DateTime now)
    {
        var stem = $"{path}.bak-{now.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture)}";
        var backup = stem;
        for (var n = 1; File.Exists(backup); n++) backup = $"{stem}-{n}";
        WriteAllText(backup, content);
        return backup;
    }

    public static void WriteAllText(string path, string content, UnixFileMode mode = OwnerReadWrite)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = mode;
            using (var stream = new FileStream(temp, options))
            {
                var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(content);
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
