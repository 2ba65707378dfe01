namespace FutureOfCustoms.Bot.Storage;

/// <summary>
/// Files the bot produces or receives (exports, documents to index), by name. Documents go to
/// <see cref="IDocumentStore"/>; bytes go here, so neither store is asked to do the other's job.
/// </summary>
public interface IFileStore
{
    Task SaveAsync(string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default);

    /// <summary>The file's content, or null when there is no such file.</summary>
    Task<byte[]?> ReadAsync(string name, CancellationToken cancellationToken = default);

    Task DeleteAsync(string name, CancellationToken cancellationToken = default);
}
