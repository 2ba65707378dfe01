using Azure;
using Azure.Storage.Blobs;

namespace FutureOfCustoms.Bot.Storage.AzureBlobs;

/// <summary>The provider's one container, created on first use; files and work leases share it (lease blobs under leases/, which no file name can reach).</summary>
internal sealed class BlobContainer(BlobContainerClient client)
{
    private Task? _creation;

    public async Task<BlobContainerClient> GetAsync(CancellationToken cancellationToken)
    {
        // Two instances (or two first calls) may both create: CreateIfNotExists makes that harmless.
        var creation = Volatile.Read(ref _creation) ?? StartCreation();
        try
        {
            await creation.WaitAsync(cancellationToken);
        }
        catch (RequestFailedException)
        {
            _ = Interlocked.CompareExchange(ref _creation, null, creation);
            throw;
        }

        return client;
    }

    private Task StartCreation()
    {
        var creation = client.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None);
        return Interlocked.CompareExchange(ref _creation, creation, null) ?? creation;
    }
}
