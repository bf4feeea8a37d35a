using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AzureOpenAI.Proxy.Usage;

/// <summary>
/// Takes a <see cref="UsageRecord"/> per request without making the request wait: <see cref="Record"/> prices it,
/// adds it to the session and budget totals and queues it; one background writer inserts the queue into the
/// <see cref="UsageStore"/> in batches. A full queue or a database that fails (locked, read-only, gone, full disk)
/// loses records, never a request: they are counted in <see cref="Dropped"/>, with at most one warning a minute.
/// Retention: records older than the configured days are pruned at start and then daily.
/// </summary>
internal sealed class UsageRecorder : IHostedService, IAsyncDisposable
{
    public const int QueueCapacity = 10_000;
    private const int MaxBatch = 500;
    private static readonly TimeSpan PruneInterval = TimeSpan.FromDays(1);

    private readonly Channel<UsageRecord> _queue = Channel.CreateBounded<UsageRecord>(
        new BoundedChannelOptions(QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly UsageStore _store;
    private readonly PriceTable _prices;
    private readonly int _retentionDays;
    private readonly TimeProvider _time;
    private readonly WarningThrottle _warnings;
    private readonly CancellationTokenSource _stopping = new();
    private Task? _writer, _pruner;
    private long _dropped;
    private int _disposed;

    public UsageRecorder(UsageStore store, PriceTable prices, BudgetGuard budget, int retentionDays, TimeProvider time, ILogger logger)
    {
        _store = store;
        _prices = prices;
        Budget = budget;
        _retentionDays = retentionDays;
        _time = time;
        _warnings = new WarningThrottle(logger, time);
    }

    public SessionUsageBook Sessions { get; } = new();
    public BudgetGuard Budget { get; }

    /// <summary>Records lost to a full queue or a failed write since start.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Never blocks and never throws: the request path calls it once per request.</summary>
    public void Record(UsageRecord record)
    {
        var priced = record with { CostUsd = _prices.CostOf(record) };
        Sessions.Add(priced);
        if (priced.CostUsd is { } cost) Budget.Add(cost, priced.Time);
        if (!_queue.Writer.TryWrite(priced)) Drop(1);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _writer = Task.Run(WriteLoopAsync, CancellationToken.None);
        _pruner = Task.Run(PruneDailyAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Writes what is queued (within the host's shutdown time), then stops.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        if (_writer is not null) await _writer.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _stopping.CancelAsync().ConfigureAwait(false);
    }

    /// <summary>Idempotent: the container disposes it once as itself and once as the hosted service.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var task in new[] { _writer, _pruner })
            if (task is not null) await task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopping.Dispose();
    }

    private async Task WriteLoopAsync()
    {
        // No file until there is something to record; an existing one is pruned, and seeds the budgets.
        var ready = _store.Exists && Attempt(() =>
        {
            _store.EnsureCreated();
            Prune();
            var now = _time.GetUtcNow();
            Budget.Seed(_store.SpendSince(BudgetGuard.StartOfDay(now)), _store.SpendSince(BudgetGuard.StartOfMonth(now)));
        });
        var batch = new List<UsageRecord>(MaxBatch);
        var reader = _queue.Reader;
        while (await WaitForRecordsAsync(reader).ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && reader.TryRead(out var record)) batch.Add(record);
            // Created on the first batch, and again after a failure: the file may have been deleted, or fixed.
            ready = (ready || Attempt(_store.EnsureCreated)) && Attempt(() => _store.Insert(batch));
            if (!ready) Drop(batch.Count);
            batch.Clear();
        }
    }

    /// <summary>False once the queue is completed and empty, or the recorder is disposed.</summary>
    private async Task<bool> WaitForRecordsAsync(ChannelReader<UsageRecord> reader)
    {
        try
        {
            return await reader.WaitToReadAsync(_stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task PruneDailyAsync()
    {
        using var timer = new PeriodicTimer(PruneInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
                if (_store.Exists) Attempt(Prune);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private void Prune() => _store.Prune(_time.GetUtcNow().AddDays(-_retentionDays));

    private bool Attempt(Action work)
    {
        try
        {
            work();
            return true;
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            _warnings.Warn(_store.Path, e.Message, Dropped);
            return false;
        }
    }

    private void Drop(int count) => _warnings.Warn(_store.Path, "usage records were dropped", Interlocked.Add(ref _dropped, count));
}
