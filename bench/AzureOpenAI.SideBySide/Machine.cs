using System.Globalization;
using System.Runtime.InteropServices;

namespace AzureOpenAI.SideBySide;

/// <summary>The machine a run measured, for the README: cores, CPU model, memory, runtime.</summary>
internal static class Machine
{
    public static string Describe()
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        var memoryKb = long.Parse(File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture,
            $"Measured {DateTime.UtcNow:yyyy-MM-dd} on {Environment.ProcessorCount} cores (nproc), {cpu}, {memoryKb / 1024.0 / 1024.0:F1} GB RAM, " +
            $"{RuntimeInformation.OSDescription}; the load generator, the upstream and the proxy share the cores.");
    }
}
