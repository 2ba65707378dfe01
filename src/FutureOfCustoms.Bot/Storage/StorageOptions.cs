namespace FutureOfCustoms.Bot.Storage;

public enum StorageProvider
{
    /// <summary>SQLite file + local folder: one machine.</summary>
    Sqlite,

    /// <summary>Azure Table Storage (or Cosmos DB for Table) + Blob Storage: several instances.</summary>
    AzureTables,
}

/// <summary>Bound to the "Storage" section; each provider reads its own sub-section.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    public SqliteStorageOptions Sqlite { get; set; } = new();

    public FileStorageOptions Files { get; set; } = new();

    public AzureTablesStorageOptions AzureTables { get; set; } = new();

    public AzureBlobsStorageOptions AzureBlobs { get; set; } = new();
}

public sealed class FileStorageOptions
{
    /// <summary>Folder of the embedded file store; relative paths are resolved against the content root.</summary>
    public string Path { get; set; } = "data/files";
}

public sealed class SqliteStorageOptions
{
    /// <summary>Relative paths are resolved against the content root (the project folder under dotnet run).</summary>
    public string Path { get; set; } = "data/futureofcustoms.db";
}

/// <summary>How to reach an Azure Storage service: a connection string (keys, Azurite) or an endpoint signed in with managed identity.</summary>
public abstract class AzureStorageConnectionOptions
{
    /// <summary>Account connection string; wins over <see cref="Endpoint"/> when both are set.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Service URL used with DefaultAzureCredential (managed identity in Azure, the developer's sign-in locally).</summary>
    public Uri? Endpoint { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ConnectionString) || Endpoint is not null;
}

public sealed class AzureTablesStorageOptions : AzureStorageConnectionOptions
{
    /// <summary>Put before every table name, so several bots can share one account.</summary>
    public string TablePrefix { get; set; } = "foc";
}

/// <summary>Files and work leases; without a connection of its own it uses the AzureTables connection string (one storage account serves both).</summary>
public sealed class AzureBlobsStorageOptions : AzureStorageConnectionOptions
{
    public string Container { get; set; } = "foc-files";
}
