using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace FutureOfCustoms.Bot.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode. Every write is one IMMEDIATE transaction, so a
/// batch is atomic and concurrent writers queue on SQLite's lock instead of failing; synchronous=NORMAL
/// keeps every committed transaction across a process crash (only an OS crash could lose the last few).
/// </summary>
internal sealed class SqliteDocumentStore : IDocumentStore, IDisposable
{
    private readonly string _connectionString;

    // This process's writers take turns here first: on SQLite's own lock a waiting writer is answered BUSY, and
    // Microsoft.Data.Sqlite retries after blocking a thread-pool thread for 150 ms, which put questions asked by
    // 32 members at once at a p99 over 300 ms. Another process on the same file (the CLI) still meets SQLite's lock.
    private readonly SemaphoreSlim _writes = new(1, 1);

    public SqliteDocumentStore(IOptions<StorageOptions> options, IHostEnvironment environment)
        : this(DataPath.Resolve(environment, options.Value.Sqlite.Path))
    {
    }

    public SqliteDocumentStore(string path)
    {
        DatabasePath = path;
        var directory = System.IO.Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        SqliteMigrations.Apply(Open());
    }

    public string ProviderName => "Sqlite";

    public string DatabasePath { get; }

    public async Task<StoredDocument<T>?> GetAsync<T>(string collection, string partition, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT partition, id, json, etag, updated_utc FROM documents WHERE collection = $c AND partition = $p AND id = $i";
        command.Parameters.AddWithValue("$c", collection);
        command.Parameters.AddWithValue("$p", partition);
        command.Parameters.AddWithValue("$i", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read<T>(reader) : null;
    }

    public Task<IReadOnlyList<StoredDocument<T>>> ListAsync<T>(string collection, string partition, CancellationToken cancellationToken = default)
        => QueryAsync<T>(
            "SELECT partition, id, json, etag, updated_utc FROM documents WHERE collection = $c AND partition = $p ORDER BY id",
            new() { ["$c"] = collection, ["$p"] = partition },
            cancellationToken);

    public Task<IReadOnlyList<StoredDocument<T>>> ListByPrefixAsync<T>(string collection, string partition, string idPrefix, CancellationToken cancellationToken = default)
    {
        // A range over the primary key, so SQLite reads only the matching rows (LIKE and GLOB would scan the partition).
        var parameters = new Dictionary<string, string> { ["$c"] = collection, ["$p"] = partition, ["$from"] = idPrefix };
        var upTo = string.Empty;
        if (KeyPrefix.End(idPrefix) is { } end)
        {
            parameters["$to"] = end;
            upTo = " AND id < $to";
        }

        return QueryAsync<T>($"SELECT partition, id, json, etag, updated_utc FROM documents WHERE collection = $c AND partition = $p AND id >= $from{upTo} ORDER BY id", parameters, cancellationToken);
    }

    public Task<IReadOnlyList<StoredDocument<T>>> ListAllAsync<T>(string collection, CancellationToken cancellationToken = default)
        => QueryAsync<T>(
            "SELECT partition, id, json, etag, updated_utc FROM documents WHERE collection = $c ORDER BY partition, id",
            new() { ["$c"] = collection },
            cancellationToken);

    public async Task<IReadOnlyList<string?>> ExecuteAsync(string collection, string partition, IReadOnlyList<StoreOperation> operations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operations);
        await _writes.WaitAsync(cancellationToken);
        try
        {
            await using var connection = Open();
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            var now = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
            var etags = new List<string?>(operations.Count);
            foreach (var operation in operations)
            {
                etags.Add(await ApplyAsync(connection, transaction, collection, partition, operation, now, cancellationToken));
            }

            await transaction.CommitAsync(cancellationToken);
            return etags;
        }
        finally
        {
            _writes.Release();
        }
    }

    private static async Task<string?> ApplyAsync(SqliteConnection connection, SqliteTransaction transaction, string collection, string partition, StoreOperation operation, string now, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.Parameters.AddWithValue("$c", collection);
        command.Parameters.AddWithValue("$p", partition);
        command.Parameters.AddWithValue("$i", operation.Id);
        var etag = operation.Kind == StoreOperationKind.Delete ? null : Guid.NewGuid().ToString("N");
        if (etag is not null)
        {
            command.Parameters.AddWithValue("$e", etag);
            command.Parameters.AddWithValue("$j", StoreJson.Serialize(operation.Value ?? throw new ArgumentException($"Operation {operation.Kind} on '{operation.Id}' has no value.", nameof(operation))));
            command.Parameters.AddWithValue("$u", now);
        }

        if (operation.IfMatch is not null)
        {
            command.Parameters.AddWithValue("$m", operation.IfMatch);
        }

        var ifMatch = operation.IfMatch is null ? string.Empty : " AND etag = $m";
        command.CommandText = operation.Kind switch
        {
            StoreOperationKind.Insert => "INSERT INTO documents (collection, partition, id, json, etag, updated_utc) VALUES ($c, $p, $i, $j, $e, $u) ON CONFLICT DO NOTHING",
            StoreOperationKind.Upsert when operation.IfMatch is null => "INSERT INTO documents (collection, partition, id, json, etag, updated_utc) VALUES ($c, $p, $i, $j, $e, $u) ON CONFLICT (collection, partition, id) DO UPDATE SET json = excluded.json, etag = excluded.etag, updated_utc = excluded.updated_utc",
            StoreOperationKind.Upsert or StoreOperationKind.Replace => "UPDATE documents SET json = $j, etag = $e, updated_utc = $u WHERE collection = $c AND partition = $p AND id = $i" + ifMatch,
            StoreOperationKind.Delete => "DELETE FROM documents WHERE collection = $c AND partition = $p AND id = $i" + ifMatch,
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation.Kind, "Unknown store operation."),
        };
        var changed = await command.ExecuteNonQueryAsync(cancellationToken);
        var deleteOfMissingIsFine = operation.Kind == StoreOperationKind.Delete && operation.IfMatch is null;
        if (changed == 0 && !deleteOfMissingIsFine)
        {
            throw new StoreConflictException($"{operation.Kind} of {collection}/{partition}/{operation.Id} conflicted with the stored version.");
        }

        return etag;
    }

    private async Task<IReadOnlyList<StoredDocument<T>>> QueryAsync<T>(string sql, Dictionary<string, string> parameters, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var results = new List<StoredDocument<T>>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            results.Add(Read<T>(reader));
        }

        return results;
    }

    private static StoredDocument<T> Read<T>(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        StoreJson.Deserialize<T>(reader.GetString(2)),
        reader.GetString(3),
        DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture));

    public void Dispose() => _writes.Dispose();

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}
