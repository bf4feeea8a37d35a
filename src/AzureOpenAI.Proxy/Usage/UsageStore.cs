using System.Globalization;
using Microsoft.Data.Sqlite;

namespace AzureOpenAI.Proxy.Usage;

/// <summary>
/// <c>usage.db</c> in the data home: one SQLite file (mode 0600, WAL, so the CLI reads while the daemon writes), a
/// <c>schema_version</c> table, and one <c>requests</c> table. Each call opens its own pooled connection, so the
/// writer, the pruner and readers never share one.
/// </summary>
internal sealed class UsageStore(string path)
{
    public const string FileName = "usage.db";
    public const int SchemaVersion = 1;

    // Long enough to ride out a reader's checkpoint, short enough that a locked database drops a batch rather than
    // holding the writer (and, behind it, the recorder's bounded queue) for long.
    private const int BusyTimeoutSeconds = 2;

    private const string Columns =
        "time_ms, session, agent, requested_model, tier, backend, deployment, api, input_tokens, cached_tokens, output_tokens, " +
        "reasoning_tokens, upstream_ms, first_token_ms, proxy_ms, status, error_type, cost_usd";

    public string Path { get; } = path;

    public bool Exists => File.Exists(Path);

    public static UsageStore InDataHome(string dataHomeDirectory) => new(System.IO.Path.Combine(dataHomeDirectory, FileName));

    /// <summary>Creates the file (owner-only) and the schema when missing; refuses a database of a newer schema.</summary>
    public void EnsureCreated()
    {
        CreateOwnerOnlyFile();
        using var connection = Open(SqliteOpenMode.ReadWriteCreate);
        Execute(connection, "PRAGMA journal_mode=WAL;");
        using var transaction = connection.BeginTransaction();
        Execute(connection, """
            CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS requests (
                id INTEGER PRIMARY KEY,
                time_ms INTEGER NOT NULL, session TEXT, agent TEXT NOT NULL, requested_model TEXT NOT NULL, tier TEXT NOT NULL,
                backend TEXT, deployment TEXT, api TEXT,
                input_tokens INTEGER NOT NULL, cached_tokens INTEGER NOT NULL, output_tokens INTEGER NOT NULL, reasoning_tokens INTEGER NOT NULL,
                upstream_ms REAL, first_token_ms REAL, proxy_ms REAL, status INTEGER NOT NULL, error_type TEXT, cost_usd REAL);
            CREATE INDEX IF NOT EXISTS requests_time ON requests (time_ms);
            """, transaction);
        var version = Scalar(connection, "SELECT max(version) FROM schema_version;", transaction);
        if (version is null) Execute(connection, $"INSERT INTO schema_version VALUES ({SchemaVersion});", transaction);
        else if (version > SchemaVersion)
            throw new InvalidOperationException($"{Path} has schema version {version}, newer than this proxy's {SchemaVersion}: update the proxy");
        transaction.Commit();
    }

    public void Insert(IReadOnlyCollection<UsageRecord> records)
    {
        using var connection = Open(SqliteOpenMode.ReadWrite);
        // In WAL mode NORMAL keeps the file consistent and skips the fsync per commit that FULL (the default) costs:
        // at one request at a time every batch is a commit, and a power cut may lose only the last records.
        Execute(connection, "PRAGMA synchronous=NORMAL;");
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO requests ({Columns}) VALUES " +
            "($time, $session, $agent, $model, $tier, $backend, $deployment, $api, $input, $cached, $output, $reasoning, " +
            "$upstream, $first, $proxy, $status, $error, $cost);";
        var parameters = "time session agent model tier backend deployment api input cached output reasoning upstream first proxy status error cost"
            .Split(' ').Select(name => insert.Parameters.Add(new SqliteParameter { ParameterName = "$" + name })).ToArray();
        foreach (var record in records)
        {
            object?[] values =
            [
                record.Time.ToUnixTimeMilliseconds(), record.Session, record.Agent, record.RequestedModel, ModelTiers.Name(record.Tier),
                record.Backend, record.Deployment, record.Api, record.InputTokens, record.CachedTokens, record.OutputTokens,
                record.ReasoningTokens, record.UpstreamTime?.TotalMilliseconds, record.TimeToFirstToken?.TotalMilliseconds,
                record.ProxyTime?.TotalMilliseconds, record.Status, record.ErrorType, record.CostUsd,
            ];
            for (var i = 0; i < values.Length; i++) parameters[i].Value = values[i] ?? DBNull.Value;
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    /// <summary>Deletes the records older than <paramref name="before"/>; returns how many.</summary>
    public int Prune(DateTimeOffset before)
    {
        using var connection = Open(SqliteOpenMode.ReadWrite);
        using var delete = connection.CreateCommand();
        delete.CommandText = "DELETE FROM requests WHERE time_ms < $before;";
        delete.Parameters.AddWithValue("$before", before.ToUnixTimeMilliseconds());
        return delete.ExecuteNonQuery();
    }

    /// <summary>Every record since <paramref name="since"/>, oldest first.</summary>
    public IReadOnlyList<UsageRecord> ReadSince(DateTimeOffset since)
    {
        using var connection = Open(SqliteOpenMode.ReadOnly);
        using var select = connection.CreateCommand();
        select.CommandText = $"SELECT {Columns} FROM requests WHERE time_ms >= $since ORDER BY time_ms, id;";
        select.Parameters.AddWithValue("$since", since.ToUnixTimeMilliseconds());
        using var reader = select.ExecuteReader();
        var records = new List<UsageRecord>();
        while (reader.Read()) records.Add(ReadRecord(reader));
        return records;
    }

    /// <summary>The summed cost of the records since <paramref name="since"/> (budgets start from it).</summary>
    public decimal SpendSince(DateTimeOffset since)
    {
        using var connection = Open(SqliteOpenMode.ReadOnly);
        using var sum = connection.CreateCommand();
        sum.CommandText = "SELECT total(cost_usd) FROM requests WHERE time_ms >= $since;";
        sum.Parameters.AddWithValue("$since", since.ToUnixTimeMilliseconds());
        return Convert.ToDecimal(sum.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static UsageRecord ReadRecord(SqliteDataReader row) => new()
    {
        Time = DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(0)),
        Session = Text(row, 1),
        Agent = row.GetString(2),
        RequestedModel = row.GetString(3),
        Tier = ModelTiers.Parse(row.GetString(4)),
        Backend = Text(row, 5),
        Deployment = Text(row, 6),
        Api = Text(row, 7),
        InputTokens = row.GetInt64(8),
        CachedTokens = row.GetInt64(9),
        OutputTokens = row.GetInt64(10),
        ReasoningTokens = row.GetInt64(11),
        UpstreamTime = Milliseconds(row, 12),
        TimeToFirstToken = Milliseconds(row, 13),
        ProxyTime = Milliseconds(row, 14),
        Status = row.GetInt32(15),
        ErrorType = Text(row, 16),
        CostUsd = row.IsDBNull(17) ? null : row.GetDecimal(17),
    };

    private static string? Text(SqliteDataReader row, int column) => row.IsDBNull(column) ? null : row.GetString(column);

    private static TimeSpan? Milliseconds(SqliteDataReader row, int column) =>
        row.IsDBNull(column) ? null : TimeSpan.FromMilliseconds(row.GetDouble(column));

    private SqliteConnection Open(SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = mode,
            DefaultTimeout = BusyTimeoutSeconds,
        }.ToString());
        connection.Open();
        return connection;
    }

    // SQLite creates the -wal and -shm files with the database file's mode, so owner-only here is owner-only there.
    private void CreateOwnerOnlyFile()
    {
        if (File.Exists(Path)) return;
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using var _ = new FileStream(Path, options);
        }
        catch (IOException) when (File.Exists(Path))
        {
            // Another process created it first.
        }
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static long? Scalar(SqliteConnection connection, string sql, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar() is long value ? value : null;
    }
}
