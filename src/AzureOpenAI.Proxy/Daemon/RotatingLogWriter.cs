using System.Text;
using AzureOpenAI.Proxy.Configuration;

namespace AzureOpenAI.Proxy.Daemon;

/// <summary>
/// The daemon's log: <c>serve</c>, when <c>start</c> launched it, points Console.Out and Console.Error here. Each
/// line is redacted (known secrets masked), escaped (<see cref="LogText.Line"/>: a stray CR, U+2028 or terminal escape
/// can neither forge a line nor reach the terminal of whoever reads the log) and appended; at <see cref="MaxBytes"/> the file is rotated, keeping
/// <see cref="KeptFiles"/> older ones (<c>proxy.log.1</c> is the newest). Rotating in the process that writes keeps a
/// long-running daemon bounded; <c>start</c> also rotates before spawning (<see cref="RotateIfFull"/>).
/// </summary>
internal sealed class RotatingLogWriter : TextWriter
{
    public const long MaxBytes = 10 * 1024 * 1024;
    public const int KeptFiles = 3;

    /// <summary>Set by <c>start</c> in the daemon's environment: the log file <c>serve</c> writes to.</summary>
    public const string LogFileVariable = "AZURE_OPENAI_LOG_FILE";

    private readonly string _path;
    private readonly long _maxBytes;
    private readonly SecretRedactor _redactor;
    private readonly StringBuilder _line = new();
    private readonly Lock _gate = new();
    private FileStream _stream;

    public RotatingLogWriter(string path, SecretRedactor redactor, long maxBytes = MaxBytes)
    {
        _path = path;
        _redactor = redactor;
        _maxBytes = maxBytes;
        _stream = OpenForAppend(path);
    }

    public override Encoding Encoding { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Sends the process's console output to the daemon log when <c>start</c> asked for it.</summary>
    public static void RedirectConsoleIfDaemon(SecretRedactor redactor)
    {
        var path = Environment.GetEnvironmentVariable(LogFileVariable);
        if (string.IsNullOrEmpty(path)) return;
        var writer = new RotatingLogWriter(path, redactor);
        Console.SetOut(writer);
        Console.SetError(writer);
    }

    /// <summary>Rotates <paramref name="path"/> when it has reached <paramref name="maxBytes"/>.</summary>
    public static void RotateIfFull(string path, long maxBytes = MaxBytes)
    {
        if (new FileInfo(path) is { Exists: true } file && file.Length >= maxBytes) Rotate(path);
    }

    public override void Write(char value)
    {
        lock (_gate)
        {
            if (value == '\n') FlushLine();
            else _line.Append(value);
        }
    }

    public override void Write(string? value)
    {
        if (value is null) return;
        lock (_gate)
        {
            foreach (var c in value)
            {
                if (c == '\n') FlushLine();
                else _line.Append(c);
            }
        }
    }

    public override void Flush()
    {
        lock (_gate)
        {
            if (_line.Length > 0) FlushLine();
            _stream.Flush();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Flush();
            _stream.Dispose();
        }
        base.Dispose(disposing);
    }

    private void FlushLine()
    {
        var bytes = Encoding.GetBytes(LogText.Line(_redactor.Redact(_line.ToString())) + "\n");
        _line.Clear();
        if (_stream.Length > 0 && _stream.Length + bytes.Length > _maxBytes)
        {
            _stream.Dispose();
            Rotate(_path);
            _stream = OpenForAppend(_path);
        }
        _stream.Write(bytes);
        _stream.Flush();
    }

    private static void Rotate(string path)
    {
        File.Delete($"{path}.{KeptFiles}");
        for (var n = KeptFiles - 1; n >= 1; n--)
            if (File.Exists($"{path}.{n}")) File.Move($"{path}.{n}", $"{path}.{n + 1}");
        if (File.Exists(path)) File.Move(path, $"{path}.1");
    }

    private static FileStream OpenForAppend(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.ReadWrite | FileShare.Delete };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = AtomicFile.OwnerReadWrite;
        return new FileStream(path, options);
    }
}
