using AzureOpenAI.Proxy.Tests.Lifecycle;
using AzureOpenAI.Proxy.Usage;
using Microsoft.Data.Sqlite;

namespace AzureOpenAI.Proxy.Tests.Usage;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class UsageStoreTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public void Records_RoundTripThroughTheFile_FieldForField()
    {
        var store = UsageStore.InDataHome(_folder.Path);
        store.EnsureCreated();
        var written = new[]
        {
            Records.Make(cost: 0.0123m),
            Records.Make(Records.Noon.AddMinutes(1), session: "s2", agent: "agent-7", model: "claude-haiku-4-5", deployment: "gpt-4o-mini",
                status: 429, errorType: "rate_limit_error") with { Session = null, Api = null, UpstreamTime = null, CostUsd = null },
        };

        store.Insert(written);

        Assert.Equal(written, UsageStore.InDataHome(_folder.Path).ReadSince(Records.Noon.AddDays(-1)));
    }

    [Fact]
    public void TheFile_IsOwnerOnly_InWalMode_WithASchemaVersion()
    {
        var store = UsageStore.InDataHome(_folder.Path);
        store.EnsureCreated();
        store.EnsureCreated(); // twice: the schema is created once

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.Path));
        using var connection = new SqliteConnection($"Data Source={store.Path}");
        connection.Open();
        Assert.Equal("wal", Query(connection, "PRAGMA journal_mode;"));
        Assert.Equal((long)UsageStore.SchemaVersion, Query(connection, "SELECT version FROM schema_version;"));
        Assert.Equal(1L, Query(connection, "SELECT count(*) FROM schema_version;"));
    }

    [Fact]
    public void ADatabaseOfANewerSchema_IsRefused()
    {
        var store = UsageStore.InDataHome(_folder.Path);
        store.EnsureCreated();
        using (var connection = new SqliteConnection($"Data Source={store.Path}"))
        {
            connection.Open();
            Query(connection, "UPDATE schema_version SET version = 99;");
        }

        var refused = Assert.Throws<InvalidOperationException>(store.EnsureCreated);
        Assert.Contains("schema version 99", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Prune_DeletesOnlyRecordsOlderThanTheCutOff()
    {
        var store = UsageStore.InDataHome(_folder.Path);
        store.EnsureCreated();
        store.Insert([Records.Make(Records.Noon.AddDays(-91)), Records.Make(Records.Noon.AddDays(-89)), Records.Make()]);

        Assert.Equal(1, store.Prune(Records.Noon.AddDays(-90)));

        Assert.Equal([Records.Noon.AddDays(-89), Records.Noon], store.ReadSince(DateTimeOffset.UnixEpoch).Select(r => r.Time));
    }

    [Fact]
    public void SpendSince_SumsTheCostsFromThatTime()
    {
        var store = UsageStore.InDataHome(_folder.Path);
        store.EnsureCreated();
        store.Insert([Records.Make(Records.Noon.AddDays(-1), cost: 5m), Records.Make(cost: 1.5m), Records.Make(cost: null)]);

        Assert.Equal(1.5m, store.SpendSince(Records.Noon.AddHours(-1)));
        Assert.Equal(6.5m, store.SpendSince(DateTimeOffset.UnixEpoch));
    }

    private static object? Query(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
