using Azure.Data.Tables;
using Azure.Storage.Blobs;
using FutureOfCustoms.Bot.Storage;
using FutureOfCustoms.Bot.Storage.AzureBlobs;
using FutureOfCustoms.Bot.Storage.AzureTables;
using FutureOfCustoms.Bot.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace FutureOfCustoms.Bot.Tests.Storage;

/// <summary>Lease documents on one SQLite file: every instance opens the same file, as processes on one machine do.</summary>
public sealed class DocumentWorkLeasesOnSqliteTests : WorkLeaseContract, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("foc-leases-").FullName;

    protected override IExclusiveWork CreateInstance(TimeProvider time) =>
        new DocumentWorkLeases(new SqliteDocumentStore(Path.Combine(_directory, "store.db")), time, NullLogger<DocumentWorkLeases>.Instance);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}

[RequiresTools(RequiredTool.Node, RequiredTool.NodeModules)]
public sealed class DocumentWorkLeasesOnAzureTablesTests(Azurite azurite) : WorkLeaseContract, IClassFixture<Azurite>
{
    private readonly string _prefix = "lease" + Guid.NewGuid().ToString("N")[..8];

    protected override IExclusiveWork CreateInstance(TimeProvider time) =>
        new DocumentWorkLeases(new AzureTablesDocumentStore(new TableServiceClient(azurite.ConnectionString), _prefix), time, NullLogger<DocumentWorkLeases>.Instance);
}

[RequiresTools(RequiredTool.Node, RequiredTool.NodeModules)]
public sealed class BlobWorkLeasesTests(Azurite azurite) : WorkLeaseContract, IClassFixture<Azurite>
{
    private readonly string _container = "leases-" + Guid.NewGuid().ToString("N");

    protected override IExclusiveWork CreateInstance(TimeProvider time) =>
        new BlobWorkLeases(new BlobContainer(new BlobContainerClient(azurite.ConnectionString, _container)), time, NullLogger<BlobWorkLeases>.Instance);
}
