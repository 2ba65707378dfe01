using FutureOfCustoms.Bot.Storage.AzureTables;

namespace FutureOfCustoms.Bot.Storage;

public static class DocumentStoreExtensions
{
    private const int MaxConflictRetries = 20;

    public static async Task<string> InsertAsync<T>(this IDocumentStore store, string collection, string partition, string id, T value, CancellationToken cancellationToken = default)
        where T : notnull
        => (await store.ExecuteAsync(collection, partition, [StoreOperation.Insert(id, value)], cancellationToken))[0]!;

    public static async Task<string> UpsertAsync<T>(this IDocumentStore store, string collection, string partition, string id, T value, CancellationToken cancellationToken = default)
        where T : notnull
        => (await store.ExecuteAsync(collection, partition, [StoreOperation.Upsert(id, value)], cancellationToken))[0]!;

    public static async Task<string> ReplaceAsync<T>(this IDocumentStore store, string collection, string partition, string id, T value, string etag, CancellationToken cancellationToken = default)
        where T : notnull
        => (await store.ExecuteAsync(collection, partition, [StoreOperation.Replace(id, value, etag)], cancellationToken))[0]!;

    /// <summary>
    /// Writes more operations than one transaction takes (Azure Tables: 100) in as many batches as needed: each
    /// batch is atomic, the whole is not, so only for writes that may be repeated (upserts of derived records).
    /// </summary>
    public static async Task ExecuteInBatchesAsync(this IDocumentStore store, string collection, string partition, IEnumerable<StoreOperation> operations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        foreach (var batch in operations.Chunk(AzureTablesDocumentStore.MaxBatchSize))
        {
            await store.ExecuteAsync(collection, partition, batch, cancellationToken);
        }
    }

    public static Task DeleteAsync(this IDocumentStore store, string collection, string partition, string id, string? etag = null, CancellationToken cancellationToken = default)
        => store.ExecuteAsync(collection, partition, [StoreOperation.Delete(id, etag)], cancellationToken);

    /// <summary>
    /// Read-modify-write that never loses an update: the change is applied to the latest version and
    /// written only over that version, retried with a short jittered pause when another writer got there
    /// first. <paramref name="change"/> receives null when the document does not exist yet and returns
    /// null to leave the store unchanged.
    /// </summary>
    public static async Task<T?> UpdateAsync<T>(this IDocumentStore store, string collection, string partition, string id, Func<T?, T?> change, CancellationToken cancellationToken = default)
        where T : class
    {
        for (var attempt = 0; ; attempt++)
        {
            var current = await store.GetAsync<T>(collection, partition, id, cancellationToken);
            var next = change(current?.Value);
            if (next is null)
            {
                return current?.Value;
            }

            var operation = current is null ? StoreOperation.Insert(id, next) : StoreOperation.Replace(id, next, current.ETag);
            try
            {
                await store.ExecuteAsync(collection, partition, [operation], cancellationToken);
                return next;
            }
            catch (StoreConflictException) when (attempt < MaxConflictRetries)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 5 + (attempt * 5))), cancellationToken);
            }
        }
    }
}
