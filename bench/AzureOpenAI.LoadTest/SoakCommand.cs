using System.Diagnostics;
using System.Globalization;
using AzureOpenAI.Proxy.Tests.Fuzz;
using AzureOpenAI.TestSupport;
using AzureOpenAI.TestSupport.FakeUpstream;
using CsCheck;

namespace AzureOpenAI.LoadTest;

/// <summary>
/// The long runs against the real <c>serve</c> process (bench/README.md), both stopping by themselves:
/// <list type="bullet">
/// <item><c>soak MINUTES [CLIENTS]</c>: CLIENTS (16) clients send the fuzz suite's generated well-formed requests,
/// streaming or not at random, for MINUTES; every answer must be a valid 200;</item>
/// <item><c>fuzz CASES [CLIENTS]</c>: the fuzz suite's cases (tests/…/Fuzz) with its oracle, CASES of them, stopping at
/// the first violation with the seed that replays it.</item>
/// </list>
/// Both report the serve process's RSS at the start, its peak and at the end, the request count, errors, p50/p99 latency.
/// </summary>
internal static class SoakCommand
{
    private const int DefaultClients = 16;
    private static readonly TimeSpan RssSampleInterval = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 2 || !int.TryParse(args[1], CultureInfo.InvariantCulture, out var amount) || amount < 1)
        {
            Console.Error.WriteLine("usage: soak MINUTES [CLIENTS] | fuzz CASES [CLIENTS]");
            return 2;
        }
        var clients = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : DefaultClients;

        var soak = args[0] == "soak";
        // The soak's upstream keeps nothing; the fuzz cases (a bounded number) go to the strict fake.
        await using var blind = soak ? await BlindUpstream.StartAsync() : null;
        await using var strict = soak ? null : await FakeUpstreamServer.StartAsync(new FakeUpstreamOptions { ValidateAgainstSpecs = false });
        await using var proxy = blind is not null
            ? await ServeProcess.StartAsync(blind.BaseUri, BlindUpstream.ApiKey)
            : await ServeProcess.StartAsync(strict!);
        using var http = new HttpClient { BaseAddress = proxy.Address, Timeout = Timeout.InfiniteTimeSpan };
        var run = new SoakRun(proxy);

        var clock = Stopwatch.StartNew();
        using var sampling = new CancellationTokenSource();
        var sampler = SampleRssAsync(run, sampling.Token);
        var outcome = soak
            ? await SoakAsync(run, http, TimeSpan.FromMinutes(amount), clients)
            : await FuzzAsync(run, http, amount, clients);
        await sampling.CancelAsync();
        await sampler;

        run.Report(soak ? $"soak, {clients} clients, {amount} min" : $"fuzz, {clients} clients, {amount} cases", clock.Elapsed);
        if (outcome is not null) Console.WriteLine(outcome);
        using var health = await http.GetAsync("/health");
        Console.WriteLine($"serve still answering /health: {(int)health.StatusCode}");
        return run.Errors == 0 && outcome is null && health.IsSuccessStatusCode ? 0 : 1;
    }

    /// <summary>Generated well-formed requests, streaming or not, until the duration is up; every answer must be a valid 200.</summary>
    private static async Task<string?> SoakAsync(SoakRun run, HttpClient http, TimeSpan duration, int clients)
    {
        string? firstError = null;
        await FuzzCases.WellFormedMessages.SampleAsync(async fuzzCase =>
        {
            var answer = await run.SendAsync(http, fuzzCase);
            if (answer.Status == 200 && answer.Violation is null) return;
            run.CountError();
            Interlocked.CompareExchange(ref firstError, $"first error: HTTP {answer.Status} {answer.Violation} for {fuzzCase}", null);
        }, time: (int)duration.TotalSeconds, threads: clients);
        return firstError;
    }

    /// <summary>The fuzz suite's property over many more cases; CsCheck stops at the first violation and prints its seed.</summary>
    private static async Task<string?> FuzzAsync(SoakRun run, HttpClient http, int cases, int clients)
    {
        var fixtures = Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "fixtures", "claude-code-2.1.328"));
        var captured = Directory.Exists(fixtures) ? FuzzCases.LoadCaptured(fixtures) : [];
        if (captured.Count == 0) Console.WriteLine($"{fixtures} is missing: generated cases only");
        try
        {
            await FuzzCases.Create(captured).SampleAsync(async fuzzCase =>
            {
                if ((await run.SendAsync(http, fuzzCase)).Violation is { } violation)
                {
                    run.CountError();
                    throw new FuzzViolationException(violation);
                }
            }, iter: cases, threads: clients, print: fuzzCase => fuzzCase.ToString());
            return null;
        }
        catch (CsCheckException ex)
        {
            return ex.Message;
        }
    }

    private static async Task SampleRssAsync(SoakRun run, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(RssSampleInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop)) run.SampleRss();
        }
        catch (OperationCanceledException)
        {
            // the run is over
        }
    }
}
