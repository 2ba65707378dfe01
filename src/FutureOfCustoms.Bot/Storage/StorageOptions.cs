namespace FutureOfCustoms.Bot.Storage;

public enum StorageProvider
{
    Sqlite,
    AzureTables,
}

public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    public SqliteStorageOptions Sqlite { get; set; } = new();

    public FileStorageOptions Files { get; set; } = new();
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
