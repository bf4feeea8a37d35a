using System.Diagnostics;
using AzureOpenAI.Proxy.Tests.Lifecycle;

namespace AzureOpenAI.Proxy.Tests.Plugin;

/// <summary>Runs a program (the installed plugin's launcher) with the sandbox's whole environment, to completion (bounded).</summary>
public static class ProcessRun
{
    public static async Task<CliRun> RunAsync(Sandbox sandbox, string executable, IReadOnlyList<string> arguments, string? stdin,
        TimeSpan bound, CancellationToken cancellationToken)
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

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardInput.WriteAsync(stdin ?? "");
        process.StandardInput.Close();
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
        return new CliRun([executable, .. arguments], process.ExitCode, await stdout, await stderr);
    }
}
