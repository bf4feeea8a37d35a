// Side by side (bench/README.md): the same load straight to a canned upstream and through the real `serve` process,
// alternating, on loopback; then the proxy's cold start (native AOT and JIT), memory and CPU per request.
//   dotnet run -c Release --project bench/AzureOpenAI.SideBySide [-- --build aot|jit] [--env NAME=VALUE]… [--memory] [--quick] [--executable PATH]
// --env passes a variable to the proxy (to compare GC settings); --memory runs only the Claude Code turn at the top
// concurrency, once, which sets the peak RSS; --quick measures only the chosen build and runs 1 s rounds;
// --executable runs that binary as the chosen build (e.g. a build of another commit, to compare).
// The builds come from the launcher's cache (bin/azure-openai builds what is missing). Prints markdown.
using System.Globalization;
using System.Text;
using AzureOpenAI.SideBySide;

var build = "aot";
var memoryOnly = false;
var quick = false;
string? executable = null;
var environment = new List<(string Name, string Value)>();
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--build" && i + 1 < args.Length) build = args[++i];
    else if (args[i] == "--memory") memoryOnly = true;
    else if (args[i] == "--quick") quick = true;
    else if (args[i] == "--executable" && i + 1 < args.Length) executable = Path.GetFullPath(args[++i]);
    else if (args[i] == "--env" && i + 1 < args.Length && args[++i].Split('=', 2) is [var name, var value]) environment.Add((name, value));
    else throw new ArgumentException($"unknown argument {args[i]}; use --build aot|jit, --env NAME=VALUE, --memory, --quick and --executable PATH");
}

const int ColdStarts = 5;
const int MaxRequests = 2000;
var maxDuration = TimeSpan.FromSeconds(quick ? 1 : 3);
var root = RepositoryRoot();
var binaries = new Dictionary<string, string>(StringComparer.Ordinal);
foreach (var mode in quick ? [build] : (string[])["aot", "jit"])
    binaries[mode] = mode == build && executable is not null ? executable : await Builds.ResolveAsync(root, mode);

await using var upstream = await CannedUpstream.StartAsync();
var report = new StringBuilder();
report.AppendLine(Machine.Describe()).AppendLine();

// Cold start and memory right after it, for each build: a fresh process each time, the median of five.
report.AppendLine("| build | cold start to the first answer (median of 5) | RSS after it |").AppendLine("|---|---:|---:|");
foreach (var (name, binary) in binaries)
{
    var starts = new List<(double Ms, long RssKb)>();
    for (var i = 0; i < ColdStarts; i++)
    {
        await using var cold = await ProxyProcess.StartAsync(binary, upstream.Address, environment);
        starts.Add((cold.ColdStart.TotalMilliseconds, cold.Stats.RssKb));
    }
    var median = starts.OrderBy(s => s.Ms).ElementAt(ColdStarts / 2);
    report.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {median.Ms:F0} ms | {median.RssKb / 1024.0:F1} MB |");
}
report.AppendLine();

await using var proxy = await ProxyProcess.StartAsync(binaries[build], upstream.Address, environment);
using var direct = new HttpClient();
using var proxied = new HttpClient();
var proxyUrl = new Uri(proxy.Address, "/v1/messages");
var cells = new List<Cell>();
foreach (var stream in (bool[])[false, true])
{
    var (turn, turnSource) = BenchRequests.ClaudeCodeTurn(root, stream);
    foreach (var (label, body) in new[] { ("tiny", BenchRequests.Tiny(stream)), ($"Claude Code turn, {turnSource}", turn) })
    {
        // One proxied request shows what the proxy sends upstream: the direct runs send exactly that.
        await Load.RunAsync(proxied, proxyUrl, body, 1, 1, maxDuration);
        var upstreamBody = upstream.LastBody;
        var upstreamUrl = new Uri(upstream.Address, "/openai/v1/chat/completions");
        foreach (var concurrency in (int[])[1, stream ? 32 : 64])
        {
            if (memoryOnly && (label == "tiny" || concurrency == 1)) continue;
            // Warm-up, then two alternating rounds, direct first.
            await Load.RunAsync(proxied, proxyUrl, body, concurrency, concurrency * 20, maxDuration);
            await Load.RunAsync(direct, upstreamUrl, upstreamBody, concurrency, concurrency * 20, maxDuration);
            LoadResult? directResult = null, proxyResult = null;
            var cpu = TimeSpan.Zero;
            for (var round = 0; round < (memoryOnly ? 1 : 2); round++)
            {
                var d = await Load.RunAsync(direct, upstreamUrl, upstreamBody, concurrency, MaxRequests, maxDuration);
                var before = proxy.Stats.Cpu;
                var p = await Load.RunAsync(proxied, proxyUrl, body, concurrency, MaxRequests, maxDuration);
                cpu += proxy.Stats.Cpu - before;
                directResult = directResult?.Plus(d) ?? d;
                proxyResult = proxyResult?.Plus(p) ?? p;
            }
            cells.Add(new Cell(stream ? "stream" : "whole", label, body.Length, concurrency, directResult!, proxyResult!, cpu, proxy.Stats.RssKb));
        }
    }
}
var stats = proxy.Stats;

report.AppendLine(CultureInfo.InvariantCulture, $"Load through the {build} build ({CannedUpstream.StreamChunks}-chunk streams; each cell: two alternating rounds of up to {MaxRequests} requests or {maxDuration.TotalSeconds:0} s):").AppendLine();
report.AppendLine("| answer | request | clients | direct p50 | proxy p50 | p50 ratio | direct req/s | proxy req/s | req/s ratio | proxy CPU/request | proxy RSS after |");
report.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
foreach (var c in cells)
    report.AppendLine(CultureInfo.InvariantCulture,
        $"| {c.Answer} | {c.Request} ({c.Bytes / 1024.0:F1} KB) | {c.Concurrency} | {c.Direct.P50:F2} ms | {c.Proxy.P50:F2} ms | {c.Proxy.P50 / c.Direct.P50:F1}× | {c.Direct.RequestsPerSecond:F0} | {c.Proxy.RequestsPerSecond:F0} | {c.Proxy.RequestsPerSecond / c.Direct.RequestsPerSecond:F2} | {c.Cpu.TotalMilliseconds / c.Proxy.Count:F2} ms | {c.RssKb / 1024.0:F0} MB |");
report.AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"Proxy ({build}) RSS: {stats.RssKb / 1024.0:F1} MB after the runs, peak {stats.PeakRssKb / 1024.0:F1} MB (VmHWM, over the whole matrix).");
Console.WriteLine(report.ToString());
return 0;

static string RepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "AzureOpenAI.slnx"))) return dir.FullName;
    throw new InvalidOperationException("run the benchmark from inside the repository");
}

internal sealed record Cell(string Answer, string Request, int Bytes, int Concurrency, LoadResult Direct, LoadResult Proxy, TimeSpan Cpu, long RssKb);
