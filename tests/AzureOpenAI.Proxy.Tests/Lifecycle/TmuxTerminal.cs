using System.Diagnostics;
using System.Text;

namespace AzureOpenAI.Proxy.Tests.Lifecycle;

/// <summary>
/// A real pseudo-terminal for the interactive wizard and the interactive Claude Code CLI: a tmux server on a private socket inside the sandbox, running
/// one command with exactly the sandbox's environment. Tests type with <see cref="Type"/> and read the screen with
/// <see cref="WaitForAsync"/> (bounded polling of capture-pane: a terminal has no event to wait on).
/// </summary>
public sealed class TmuxTerminal : IDisposable
{
    private const string Session = "terminal";
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private readonly string _socket;

    private TmuxTerminal(string socket) => _socket = socket;

    /// <summary>Starts <paramref name="arguments"/> (the azure-openai executable) in a 200×50 terminal; the shell then prints EXIT=code.</summary>
    public static TmuxTerminal Start(Sandbox sandbox, params string[] arguments) => Run(sandbox, sandbox.Variables, [.. Sandbox.Command, .. arguments]);

    /// <summary>Starts any <paramref name="command"/> in the sandbox's working folder with exactly <paramref name="variables"/>.</summary>
    public static TmuxTerminal Run(Sandbox sandbox, IReadOnlyDictionary<string, string> variables, IReadOnlyList<string> command)
    {
        var terminal = new TmuxTerminal(Path.Combine(sandbox.Root, "tmux.sock"));
        var environment = variables.Select(p => Quote($"{p.Key}={p.Value}")).Append("TERM=xterm-256color");
        var shell = $"cd {Quote(sandbox.WorkingDirectory)} && env -i {string.Join(' ', environment)} {string.Join(' ', command.Select(Quote))}; "
            + "echo \"EXIT=$?\"; exec sleep 600";
        terminal.Tmux("new-session", "-d", "-x", "200", "-y", "50", "-s", Session, shell);
        return terminal;
    }

    /// <summary>Types <paramref name="text"/> literally, then Enter.</summary>
    public void Type(string text)
    {
        if (text.Length > 0) Tmux("send-keys", "-t", Session, "-l", text);
        Tmux("send-keys", "-t", Session, "Enter");
    }

    /// <summary>Presses named keys (tmux names: Down, Up, Enter, …).</summary>
    public void Press(params string[] keys) => Tmux(["send-keys", "-t", Session, .. keys]);

    /// <summary>The screen and its scrollback.</summary>
    public string Screen() => Tmux("capture-pane", "-p", "-t", Session, "-S", "-500");

    /// <summary>Waits until the screen shows <paramref name="text"/> <paramref name="occurrences"/> times; returns the screen.</summary>
    public async Task<string> WaitForAsync(string text, int occurrences = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var screen = Screen();
            if (Count(screen, text) >= occurrences) return screen;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the terminal never showed \"{text}\" ×{occurrences}; it shows:\n{screen}");
            await Task.Delay(PollInterval);
        }
    }

    public void Dispose()
    {
        try { Tmux("kill-server"); }
        catch (InvalidOperationException) { }
    }

    private static int Count(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }

    private string Tmux(params string[] arguments)
    {
        var startInfo = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["-S", _socket, .. arguments]) startInfo.ArgumentList.Add(argument);
        using var tmux = Process.Start(startInfo)!;
        var output = tmux.StandardOutput.ReadToEnd();
        var error = tmux.StandardError.ReadToEnd();
        tmux.WaitForExit();
        if (tmux.ExitCode != 0) throw new InvalidOperationException($"tmux {string.Join(' ', arguments)}: {error}");
        return output;
    }

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
