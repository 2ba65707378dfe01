using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;

namespace FutureOfCustoms.Bot.Storage;

/// <summary>
/// The Azure SDK clients of the AzureTables provider, built from the settings: a connection string when
/// one is given (keys, Azurite), otherwise the endpoint with DefaultAzureCredential so App Service or
/// Container Apps sign in with their managed identity and no key is stored anywhere.
/// </summary>
internal static class AzureStorageClients
{
    // The SDK retries 408/429/500/502/503/504 and network failures itself; 409 and 412 are never retried,
    // they reach the store as conflicts. Bounded so a turn fails within Teams' patience instead of hanging.
    private static readonly TimeSpan NetworkTimeout = TimeSpan.FromSeconds(20);

    private static readonly Lazy<TokenCredential> Credential = new(() => new DefaultAzureCredential());

    public static TableServiceClient CreateTableService(AzureTablesStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clientOptions = new TableClientOptions();
        ConfigureRetry(clientOptions.Retry);
        return string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new TableServiceClient(options.Endpoint ?? throw MissingConnection("AzureTables"), Credential.Value, clientOptions)
            : new TableServiceClient(options.ConnectionString, clientOptions);
    }

    public static BlobContainerClient CreateBlobContainer(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var blobs = options.AzureBlobs;
        var clientOptions = new BlobClientOptions();
        ConfigureRetry(clientOptions.Retry);
        var connectionString = blobs.IsConfigured ? blobs.ConnectionString : options.AzureTables.ConnectionString;
        var service = string.IsNullOrWhiteSpace(connectionString)
            ? new BlobServiceClient(blobs.Endpoint ?? throw MissingConnection("AzureBlobs"), Credential.Value, clientOptions)
            : new BlobServiceClient(connectionString, clientOptions);
        return service.GetBlobContainerClient(blobs.Container);
    }

    private static void ConfigureRetry(RetryOptions retry)
    {
        retry.Mode = RetryMode.Exponential;
        retry.MaxRetries = 4;
        retry.Delay = TimeSpan.FromMilliseconds(400);
        retry.MaxDelay = TimeSpan.FromSeconds(5);
        retry.NetworkTimeout = NetworkTimeout;
    }

    private static InvalidOperationException MissingConnection(string section) =>
        new($"Storage:{section} has neither a ConnectionString nor an Endpoint.");
}
