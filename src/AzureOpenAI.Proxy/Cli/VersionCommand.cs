using System.CommandLine;
using System.Runtime;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AzureOpenAI.Proxy.Cli;

/// <summary>
/// <c>version [--verbose]</c>: prints the product version; verbose adds which build runs (native AOT or JIT, the
/// launcher switches from one to the other), its path, the runtime and the GC mode, for bug reports and the tests.
/// </summary>
internal static class VersionCommand
{
    private static readonly Option<bool> Verbose = new("--verbose") { Description = "Also print the build (native AOT or JIT), its path, the runtime and the GC mode" };

    public static Command Create(CliEnvironment environment)
    {
        var command = new Command("version", "Print the version") { Options = { Verbose } };
        command.SetAction(parseResult =>
        {
            environment.Out.WriteLine($"{ProductInfo.Name} {ProductInfo.Version}");
            if (parseResult.GetValue(Verbose))
            {
                environment.Out.WriteLine($"build       {Build}");
                environment.Out.WriteLine($"executable  {Environment.ProcessPath}");
                environment.Out.WriteLine($"runtime     {RuntimeInformation.FrameworkDescription} {RuntimeInformation.RuntimeIdentifier}");
                environment.Out.WriteLine($"gc          {(GCSettings.IsServerGC ? "server" : "workstation")}, {GCSettings.LatencyMode}");
            }
            return ExitCodes.Success;
        });
        return command;
    }

    // Native AOT compiles everything ahead of time: it can run no code generated at run time.
    private static string Build => RuntimeFeature.IsDynamicCodeSupported ? "jit" : "native-aot";
}
