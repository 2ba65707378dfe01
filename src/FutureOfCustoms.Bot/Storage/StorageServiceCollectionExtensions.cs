using FutureOfCustoms.Bot.Storage.Sqlite;

namespace FutureOfCustoms.Bot.Storage;

internal static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.SectionName))
            .Validate(o => o.Provider != StorageProvider.Sqlite || !string.IsNullOrWhiteSpace(o.Sqlite.Path), "Storage:Sqlite:Path must name the SQLite database file, e.g. data/futureofcustoms.db.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Files.Path), "Storage:Files:Path must name a folder for exported and uploaded files, e.g. data/files.")
            .Validate(o => o.Provider == StorageProvider.Sqlite, "Storage:Provider=AzureTables is not available in this build yet; use Sqlite.")
            .ValidateOnStart();
        services.AddSingleton<IDocumentStore, SqliteDocumentStore>();
        services.AddSingleton<IFileStore, LocalFileStore>();
        return services;
    }
}
