using Azure;
using Azure.Storage.Blobs;

namespace FutureOfCustoms.Bot.Storage.AzureBlobs;

/// <summary>Files as block blobs in one container, shared by every instance. An upload replaces the blob in one commit, so readers never see half a file.</summary>
internal sealed class AzureBlobFileStore(BlobContainer container) : IFileStore
{
    public async Task SaveAsync(string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var client = await container.GetAsync(cancellationToken);
        await client.GetBlobClient(StoredFileName.Check(name)).UploadAsync(BinaryData.FromBytes(content), overwrite: true, cancellationToken);
    }

    public async Task<byte[]?> ReadAsync(string name, CancellationToken cancellationToken = default)
    {
        var client = await container.GetAsync(cancellationToken);
        try
        {
            return (await client.GetBlobClient(StoredFileName.Check(name)).DownloadContentAsync(cancellationToken)).Value.Content.ToArray();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        var client = await container.GetAsync(cancellationToken);
        await client.GetBlobClient(StoredFileName.Check(name)).DeleteIfExistsAsync(cancellationToken: cancellationToken);
    }
}
