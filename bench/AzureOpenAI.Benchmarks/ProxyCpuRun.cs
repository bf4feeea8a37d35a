using System.Diagnostics;
using System.Globalization;

namespace AzureOpenAI.Benchmarks;

/// <summary>
/// <c>--cpu [requests [scenario]]</c>: the <see cref="ProxyBenchmarks"/> requests (or only one scenario, for a profiler) one after another, reported as CPU time and bytes
/// allocated per request (the whole process: client, proxy and canned upstream). CPU time is far less disturbed than
/// wall-clock time by other work on a shared machine.
/// </summary>
internal static class ProxyCpuRun
{
    public static async Task RunAsync(int requests, string? only)
    {
        var bench = new ProxyBenchmarks();
        bench.Setup();
        try
        {
            foreach (var (name, send) in (IEnumerable<(string, Func<Task<int>>)>)[("TinyAnswer", bench.TinyAnswer), ("WholeAnswer", bench.WholeAnswer), ("StreamedAnswer", bench.StreamedAnswer), ("CountTokens", bench.CountTokens)])
            {
                if (only is not null && only != name) continue;
                for (var i = 0; i < 200; i++) await send(); // JIT, tiering, pools
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                for (var i = 0; i < requests; i++) await send();
                var cpuPerRequest = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / requests;
                var bytesPerRequest = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / requests;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-15} {cpuPerRequest,7:F3} ms CPU  {bytesPerRequest / 1024.0,8:F1} KB allocated  per request ({requests} requests)"));
            }
        }
        finally
        {
            bench.Cleanup();
        }
    }
}
