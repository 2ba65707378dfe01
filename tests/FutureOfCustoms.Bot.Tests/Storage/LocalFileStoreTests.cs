using FutureOfCustoms.Bot.Storage;

namespace FutureOfCustoms.Bot.Tests.Storage;

public sealed class LocalFileStoreTests : FileStoreContract, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("foc-files-").FullName;

    public LocalFileStoreTests()
    {
        Files = new LocalFileStore(_directory);
    }

    protected override IFileStore Files { get; }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
