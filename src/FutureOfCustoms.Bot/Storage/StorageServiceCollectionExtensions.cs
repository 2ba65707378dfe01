using FutureOfCustoms.Bot.Storage.AzureBlobs;
using FutureOfCustoms.Bot.Storage.AzureTables;
using FutureOfCustoms.Bot.Storage.Sqlite;
using Microsoft.Extensions.Options;

namespace FutureOfCustoms.Bot.Storage;

internal static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Storage:Provider picks the set: Sqlite = SQLite file, local folder, leases as documents (one
    /// machine); AzureTables = Azure Tables, Blob Storage, blob leases (any number of instances).
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddSingleton(sp => new BlobContainer(AzureStorageClients.CreateBlobContainer(Options(sp))));
        services.AddSingleton<IDocumentStore>(sp => Options(sp).Provider switch
        {
            StorageProvider.AzureTables => new AzureTablesDocumentStore(AzureStorageClients.CreateTableService(Options(sp).AzureTables), Options(sp).AzureTables.TablePrefix),
            _ => ActivatorUtilities.CreateInstance<SqliteDocumentStore>(sp),
        });
        services.AddSingleton<IFileStore>(sp => Options(sp).Provider switch
        {
            StorageProvider.AzureTables => ActivatorUtilities.CreateInstance<AzureBlobFileStore>(sp),
            _ => ActivatorUtilities.CreateInstance<LocalFileStore>(sp),
        });
        services.AddSingleton<IExclusiveWork>(sp => Options(sp).Provider switch
        {
            StorageProvider.AzureTables => ActivatorUtilities.CreateInstance<BlobWorkLeases>(sp),
            _ => ActivatorUtilities.CreateInstance<DocumentWorkLeases>(sp),
        });
        return services;
    }

    private static StorageOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<StorageOptions>>().Value;
}
