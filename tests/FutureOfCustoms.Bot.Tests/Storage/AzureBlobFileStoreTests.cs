using Azure.Storage.Blobs;
using FutureOfCustoms.Bot.Storage;
using FutureOfCustoms.Bot.Storage.AzureBlobs;

namespace FutureOfCustoms.Bot.Tests.Storage;

[RequiresTools(RequiredTool.Node, RequiredTool.NodeModules)]
public sealed class AzureBlobFileStoreTests(Azurite azurite) : FileStoreContract, IClassFixture<Azurite>
{
    protected override IFileStore Files { get; } = new AzureBlobFileStore(new BlobContainer(
        new BlobContainerClient(azurite.ConnectionString, "files-" + Guid.NewGuid().ToString("N"))));
}
