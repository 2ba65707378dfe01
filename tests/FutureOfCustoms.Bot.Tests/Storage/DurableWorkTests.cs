using Azure.Data.Tables;
using FutureOfCustoms.Bot.Storage;
using FutureOfCustoms.Bot.Storage.AzureTables;
using FutureOfCustoms.Bot.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace FutureOfCustoms.Bot.Tests.Storage;

/// <summary>The work queue on one SQLite file: every instance opens the same file, as processes on one machine do.</summary>
public sealed class DurableWorkOnSqliteTests : DurableWorkContract, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("foc-work-").FullName;

    protected override IDurableWork CreateInstance() => new DocumentDurableWork(new SqliteDocumentStore(Path.Combine(_directory, "store.db")), Options, Time);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}

/// <summary>The work queue on Azure Tables (Azurite), as several instances share it.</summary>
[RequiresTools(RequiredTool.Node, RequiredTool.NodeModules)]
public sealed class DurableWorkOnAzureTablesTests(Azurite azurite) : DurableWorkContract, IClassFixture<Azurite>
{
    private readonly string _prefix = "work" + Guid.NewGuid().ToString("N")[..8];

    protected override IDurableWork CreateInstance() => new DocumentDurableWork(new AzureTablesDocumentStore(new TableServiceClient(azurite.ConnectionString), _prefix), Options, Time);
}
