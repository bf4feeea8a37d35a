using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Proxy.Tests.Lifecycle;
using AzureOpenAI.Proxy.Usage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AzureOpenAI.Proxy.Tests.Usage;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class UsageRecorderTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly ManualClock _clock = new(Records.Noon);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task Records_ArePricedAndWritten_AndTheSessionBookAddsThemUp()
    {
        var store = UsageStore.InDataHome(_folder.Path);
        var recorder = Recorder(store);
        await recorder.StartAsync(CancellationToken.None);

        recorder.Record(Records.Make(input: 1_000_000, cached: 0, output: 0));
        recorder.Record(Records.Make(input: 1_000_000, cached: 1_000_000, output: 1_000_000));
        recorder.Record(Records.Make(session: "other", deployment: "no-such-model"));
        await recorder.StopAsync(CancellationToken.None);

        // gpt-5: $1.25 per million input, $0.125 cached, $10 output.
        Assert.Equal([1.25m, 10.125m, null], store.ReadSince(DateTimeOffset.UnixEpoch).Select(r => r.CostUsd));
        var session = recorder.Sessions.Find("session-a")!;
        Assert.Equal(new UsageTotals(2, 2_000_000, 1_000_000, 1_000_000, 400, 11.375m, 0), session.Totals);
        Assert.Equal(0.5, session.Totals.CacheHitRate);
        Assert.Equal(1, recorder.Sessions.Find("other")!.Totals.UnpricedRequests);
        Assert.Null(recorder.Sessions.Find("never-seen"));
        Assert.Equal(0, recorder.Dropped);
        await recorder.DisposeAsync();
    }

    [Fact]
    public async Task NoFileIsCreated_UntilThereIsSomethingToRecord()
    {
        var store = UsageStore.InDataHome(_folder.Path);
        var recorder = Recorder(store);
        await recorder.StartAsync(CancellationToken.None);
        await recorder.StopAsync(CancellationToken.None);

        Assert.False(store.Exists);
        await recorder.DisposeAsync();
    }

    [Fact]
    public async Task Start_PrunesRecordsPastTheRetention_AndSeedsTheBudgetsFromTheStore()
    {
        var store = UsageStore.InDataHome(_folder.Path);
        store.EnsureCreated();
        store.Insert([Records.Make(Records.Noon.AddDays(-31), cost: 100m), Records.Make(Records.Noon.AddDays(-6), cost: 3m), Records.Make(cost: 6m)]);
        var recorder = Recorder(store, retentionDays: 30, new BudgetGuard(10m, 20m, _clock));

        await recorder.StartAsync(CancellationToken.None);
        recorder.Record(Records.Make(input: 0, cached: 0, output: 100_000)); // $1 of gpt-5 output
        await recorder.StopAsync(CancellationToken.None);

        Assert.Equal([Records.Noon.AddDays(-6), Records.Noon, Records.Noon], store.ReadSince(DateTimeOffset.UnixEpoch).Select(r => r.Time));
        Assert.Equal(new BudgetStatus(BudgetLevel.Ok, BudgetGuard.Daily, 7m, 10m, new DateTimeOffset(2026, 12, 8, 0, 0, 0, TimeSpan.Zero)), recorder.Budget.Check());
        await recorder.DisposeAsync();
    }

    [Fact]
    public async Task ALockedDatabase_NeitherThrowsNorBlocks_TheRecordsAreDroppedAndCounted()
    {
        var store = UsageStore.InDataHome(_folder.Path);
        store.EnsureCreated();
        using var holder = new SqliteConnection($"Data Source={store.Path}");
        holder.Open();
        using (var begin = holder.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE;";
            begin.ExecuteNonQuery();
        }
        var logs = new CollectingLogger();
        var recorder = Recorder(store, logger: logs);
        await recorder.StartAsync(CancellationToken.None);

        for (var i = 0; i < 3; i++) recorder.Record(Records.Make());
        Assert.Equal(3, recorder.Sessions.Find("session-a")!.Totals.Requests); // recorded in memory at once
        await recorder.StopAsync(CancellationToken.None);

        Assert.Equal(3, recorder.Dropped);
        Assert.Single(logs.Warnings); // one warning a minute, however many failures
        Assert.Contains("locked", logs.Warnings[0], StringComparison.Ordinal);
        await recorder.DisposeAsync();
    }

    [Fact]
    public async Task AReadOnlyDatabase_NeitherThrowsNorFailsTheRecord()
    {
        var store = new UsageStore(ReadOnlyDatabase());
        var logs = new CollectingLogger();
        var recorder = Recorder(store, logger: logs);
        await recorder.StartAsync(CancellationToken.None);

        recorder.Record(Records.Make());
        recorder.Record(Records.Make());
        await recorder.StopAsync(CancellationToken.None);

        Assert.Equal(2, recorder.Dropped);
        Assert.Single(logs.Warnings);
        Assert.Contains(store.Path, logs.Warnings[0], StringComparison.Ordinal);
        await recorder.DisposeAsync();
    }

    [Fact]
    public async Task AFullQueue_DropsAndCounts_WithoutWaiting()
    {
        var recorder = Recorder(UsageStore.InDataHome(_folder.Path)); // not started: nothing drains the queue

        for (var i = 0; i < UsageRecorder.QueueCapacity + 5; i++) recorder.Record(Records.Make());

        Assert.Equal(5, recorder.Dropped);
        await recorder.DisposeAsync();
    }

    /// <summary>A file the process cannot write. Tests run as root in CI, where no file mode stops a write: /proc's are immune.</summary>
    private string ReadOnlyDatabase()
    {
        if (Environment.UserName == "root") return "/proc/version";
        var store = UsageStore.InDataHome(_folder.Path);
        store.EnsureCreated();
        SqliteConnection.ClearAllPools();
        File.SetUnixFileMode(store.Path, UnixFileMode.UserRead);
        return store.Path;
    }

    private UsageRecorder Recorder(UsageStore store, int retentionDays = 90, BudgetGuard? budget = null, ILogger? logger = null) =>
        new(store, PriceTable.ListOnly, budget ?? new BudgetGuard(null, null, _clock), retentionDays, _clock, logger ?? NullLogger.Instance);
}

/// <summary>Keeps the warnings logged to it.</summary>
internal sealed class CollectingLogger : ILogger
{
    public List<string> Warnings { get; } = [];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (logLevel == LogLevel.Warning) lock (Warnings) Warnings.Add(formatter(state, exception));
    }
}
