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
        services.AddOptions<WorkQueueOptions>()
            .Bind(configuration.GetSection(WorkQueueOptions.SectionName))
            .Validate(o => o.Lease >= TimeSpan.FromSeconds(10) && o.Lease <= TimeSpan.FromHours(1), "WorkQueue:Lease must be between 00:00:10 and 01:00:00.")
            .Validate(o => o.MaxAttempts is >= 1 and <= 100, "WorkQueue:MaxAttempts must be between 1 and 100.")
            .Validate(o => o.RetryDelay > TimeSpan.Zero && o.RetryDelay <= o.MaxRetryDelay && o.MaxRetryDelay <= TimeSpan.FromDays(1), "WorkQueue:RetryDelay must be positive and at most WorkQueue:MaxRetryDelay (at most 1.00:00:00).")
            .Validate(o => o.PollInterval >= TimeSpan.FromMilliseconds(100) && o.PollInterval <= TimeSpan.FromMinutes(5), "WorkQueue:PollInterval must be between 00:00:00.1 and 00:05:00.")
            .ValidateOnStart();
        services.AddSingleton<IDurableWork, DocumentDurableWork>();
        services.AddHostedService<WorkQueueService>();
        return services;
    }

    private static StorageOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<StorageOptions>>().Value;
}
