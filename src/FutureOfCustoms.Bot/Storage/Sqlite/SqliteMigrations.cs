using Microsoft.Data.Sqlite;

namespace FutureOfCustoms.Bot.Storage.Sqlite;

/// <summary>
/// Versioned schema changes, tracked in PRAGMA user_version. Each step runs in its own transaction with
/// the version bump, so a crash mid-migration leaves the previous version intact. Append, never edit.
/// </summary>
internal static class SqliteMigrations
{
    private static readonly string[] Steps =
    [
        """
        CREATE TABLE documents (
            collection  TEXT NOT NULL,
            partition   TEXT NOT NULL,
            id          TEXT NOT NULL,
            json        TEXT NOT NULL,
            etag        TEXT NOT NULL,
            updated_utc TEXT NOT NULL,
            PRIMARY KEY (collection, partition, id)
        ) WITHOUT ROWID;
        """,
    ];

    public static int LatestVersion => Steps.Length;

    public static void Apply(SqliteConnection connection)
    {
        using (connection)
        {
            Execute(connection, "PRAGMA journal_mode = WAL;");
            Execute(connection, "PRAGMA synchronous = NORMAL;");
            using var transaction = connection.BeginTransaction();
            var version = CurrentVersion(connection, transaction);
            if (version > Steps.Length)
            {
                throw new InvalidOperationException($"The database schema is version {version}, newer than this build knows ({Steps.Length}). Run a newer build.");
            }

            for (var step = version; step < Steps.Length; step++)
            {
                Execute(connection, Steps[step], transaction);
                Execute(connection, $"PRAGMA user_version = {step + 1};", transaction);
            }

            transaction.Commit();
        }
    }

    internal static int CurrentVersion(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
