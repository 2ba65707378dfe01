using Microsoft.Extensions.Options;

namespace FutureOfCustoms.Bot.Storage;

/// <summary>The embedded file store: a folder beside the SQLite database. Writes go through a temporary file and a rename, so a crash never leaves half a file under the real name.</summary>
internal sealed class LocalFileStore : IFileStore
{
    private readonly string _root;

    public LocalFileStore(IOptions<StorageOptions> options, IHostEnvironment environment)
        : this(DataPath.Resolve(environment, options.Value.Files.Path))
    {
    }

    public LocalFileStore(string root)
    {
        _root = root;
        Directory.CreateDirectory(_root);
    }

    public async Task SaveAsync(string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var path = PathOf(name);
        var temporary = path + ".tmp-" + Guid.NewGuid().ToString("N");
        await File.WriteAllBytesAsync(temporary, content.ToArray(), cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    public async Task<byte[]?> ReadAsync(string name, CancellationToken cancellationToken = default)
    {
        var path = PathOf(name);
        return File.Exists(path) ? await File.ReadAllBytesAsync(path, cancellationToken) : null;
    }

    public Task DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        File.Delete(PathOf(name));
        return Task.CompletedTask;
    }

    private string PathOf(string name) => Path.Combine(_root, StoredFileName.Check(name));
}
