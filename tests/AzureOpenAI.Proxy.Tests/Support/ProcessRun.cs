using System.Diagnostics;
using AzureOpenAI.Proxy.Tests.Lifecycle;

namespace AzureOpenAI.Proxy.Tests.Support;

/// <summary>Runs a real program in a <see cref="Sandbox"/> (its folder and its whole environment, nothing inherited), to completion, bounded in time.</summary>
public static class ProcessRun
{
    /// <param name="keepStdinOpen">Leaves stdin open and silent until the program ends, as a terminal nobody types in.</param>
    public static async Task<CliRun> RunAsync(Sandbox sandbox, string executable, IReadOnlyList<string> arguments, string? stdin,
        TimeSpan bound, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? extraEnvironment = null,
        bool keepStdinOpen = false)
    {
        var info = new ProcessStartInfo(executable, arguments)
        {
            WorkingDirectory = sandbox.WorkingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment.Clear();
        foreach (var (name, value) in sandbox.Variables) info.Environment[name] = value;
        foreach (var (name, value) in extraEnvironment ?? new Dictionary<string, string>()) info.Environment[name] = value;

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardInput.WriteAsync(stdin ?? "");
        if (!keepStdinOpen) process.StandardInput.Close();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(bound);
        try
        {
            // Reading to the end also proves that a daemon started on the way holds none of our pipes.
            await Task.WhenAll(stdout, stderr).WaitAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{executable} {string.Join(' ', arguments)} did not finish within {bound}");
        }
        return new CliRun([.. arguments], process.ExitCode, await stdout, await stderr);
    }
}
