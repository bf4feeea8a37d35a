using AzureOpenAI.Proxy.Daemon;

namespace AzureOpenAI.Proxy.Cli;

/// <summary>Prints a <see cref="DaemonResult"/> and gives the verb's exit code.</summary>
internal static class DaemonReport
{
    public static int Print(CliContext context, DaemonResult result)
    {
        (result.Succeeded ? context.Out : context.Error).WriteLine(result.Message);
        return result.Outcome switch
        {
            DaemonOutcome.PortInUse => ExitCodes.PortInUse,
            _ when result.Succeeded => ExitCodes.Success,
            _ => ExitCodes.Failure,
        };
    }
}
