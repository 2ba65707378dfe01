using FutureOfCustoms.Bot.Storage;
using FutureOfCustoms.Bot.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace FutureOfCustoms.Bot.Tests.Storage;

public sealed class SqliteDocumentStoreTests : DocumentStoreContract, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("foc-sqlite-").FullName;

    public SqliteDocumentStoreTests()
    {
        SqliteStore = new SqliteDocumentStore(Path.Combine(_directory, "nested", "store.db"));
    }

    protected override IDocumentStore Store => SqliteStore;

    private SqliteDocumentStore SqliteStore { get; }

    [Fact]
    public async Task Documents_survive_reopening_the_file()
    {
        await Store.InsertAsync(Collection, "p1", "n1", new Note("durable"));

        var reopened = new SqliteDocumentStore(SqliteStore.DatabasePath);

        Assert.Equal("durable", (await reopened.GetAsync<Note>(Collection, "p1", "n1"))!.Value.Text);
    }

    [Fact]
    public void A_new_database_is_created_at_the_latest_schema_version_in_wal_mode()
    {
        using var connection = new SqliteConnection($"Data Source={SqliteStore.DatabasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";

        Assert.Equal("wal", command.ExecuteScalar());
        Assert.Equal(SqliteMigrations.LatestVersion, SqliteMigrations.CurrentVersion(connection));
    }

    [Fact]
    public void A_database_from_a_newer_build_is_refused_with_a_clear_message()
    {
        using (var connection = new SqliteConnection($"Data Source={SqliteStore.DatabasePath};Pooling=false"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA user_version = {SqliteMigrations.LatestVersion + 1};";
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<InvalidOperationException>(() => new SqliteDocumentStore(SqliteStore.DatabasePath));

        Assert.Contains("newer than this build", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
