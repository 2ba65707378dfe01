using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace FutureOfCustoms.Bot.Storage.AzureBlobs;

/// <summary>
/// Work leases as blob leases: the service itself guarantees one holder and ends a crashed holder's
/// lease after its duration, with no clock comparison between machines. One empty blob per work name.
/// </summary>
internal sealed class BlobWorkLeases(BlobContainer container, TimeProvider time, ILogger<BlobWorkLeases> logger) : IExclusiveWork
{
    internal const string Folder = "leases/";

    public async Task<IWorkLease?> TryAcquireAsync(string name, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        RenewingLease.CheckArguments(name, duration);
        var client = await container.GetAsync(cancellationToken);
        var blob = client.GetBlobClient(Folder + name);
        await EnsureExistsAsync(blob, cancellationToken);
        var lease = blob.GetBlobLeaseClient();
        try
        {
            await lease.AcquireAsync(duration, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return null;
        }

        return new RenewingLease(
            name,
            duration,
            async ct =>
            {
                try
                {
                    await lease.RenewAsync(cancellationToken: ct);
                    return true;
                }
                catch (RequestFailedException e) when (e.Status == 409)
                {
                    return false;
                }
            },
            () => lease.ReleaseAsync(),
            time,
            logger);
    }

    private static async Task EnsureExistsAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            await blob.UploadAsync(BinaryData.Empty, new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // It exists (perhaps leased right now): that is all we need.
        }
    }
}
