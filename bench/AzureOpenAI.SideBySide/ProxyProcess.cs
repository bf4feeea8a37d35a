using System.Diagnostics;
using System.Text.RegularExpressions;

namespace AzureOpenAI.SideBySide;

/// <summary>
/// The real <c>azure-openai serve --port 0</c> (a given build: native AOT or JIT) pointed at the canned upstream as an
/// Azure v1 resource, in an empty data home (no config.env or token of the developer's applies). Starting it measures
/// the cold start: from Process.Start to the first answered request.
/// </summary>
internal sealed partial class ProxyProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(30);
    private readonly Process _process;
    private readonly string _home;

    private ProxyProcess(Process process, string home, Uri address, TimeSpan coldStart)
    {
        _process = process;
        _home = home;
        Address = address;
        ColdStart = coldStart;
    }

    public Uri Address { get; }
    public TimeSpan ColdStart { get; }
    public ProcStats Stats => ProcStats.Read(_process.Id);

    public static async Task<ProxyProcess> StartAsync(string executable, Uri upstream, IReadOnlyList<(string Name, string Value)> extraEnvironment)
    {
        var home = Directory.CreateTempSubdirectory("azure-openai-bench-").FullName;
        var info = new ProcessStartInfo(executable, ["serve", "--port", "0"])
        {
            WorkingDirectory = home,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("OPENAI_", StringComparison.Ordinal) || k.StartsWith("AZURE_", StringComparison.Ordinal)
                     || k.StartsWith("ANTHROPIC_", StringComparison.Ordinal) || k is "PROXY_AUTH_TOKEN" or "PORT" or "HOST" or "LOG_LEVEL").ToList())
            info.Environment.Remove(name);
        info.Environment["AZURE_OPENAI_HOME"] = home;
        info.Environment["OPENAI_BASE_URL"] = upstream.ToString();
        info.Environment["OPENAI_API_KEY"] = "bench-key-0000000000";
        info.Environment["AZURE_API_VERSION"] = "v1";
        foreach (var size in (string[])["BIG_MODEL", "MIDDLE_MODEL", "SMALL_MODEL"]) info.Environment[size] = "gpt-4o";
        foreach (var (name, value) in extraEnvironment) info.Environment[name] = value;

        var clock = Stopwatch.StartNew();
        var process = Process.Start(info)!;
        try
        {
            using var bound = new CancellationTokenSource(StartBound);
            Uri? address = null;
            while (address is null && await process.StandardOutput.ReadLineAsync(bound.Token) is { } line)
                if (ListeningLine().Match(line) is { Success: true } match) address = new Uri(match.Groups[1].Value);
            if (address is null) throw new InvalidOperationException($"{executable} serve exited: {await process.StandardError.ReadToEndAsync(bound.Token)}");
            // The request log goes on stdout: drain it so the server never blocks on a full pipe.
            _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
            _ = process.StandardError.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
            using var http = new HttpClient { BaseAddress = address };
            using var answer = await http.PostAsync("/v1/messages", Load.Json(BenchRequests.Tiny(stream: false)), bound.Token);
            answer.EnsureSuccessStatusCode();
            await answer.Content.ReadAsByteArrayAsync(bound.Token);
            return new ProxyProcess(process, home, address, clock.Elapsed);
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            Directory.Delete(home, recursive: true);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(_home, recursive: true);
    }

    [GeneratedRegex(@"listening on (http://[^ ]+)")]
    private static partial Regex ListeningLine();
}
