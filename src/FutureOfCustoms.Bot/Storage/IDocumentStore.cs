namespace FutureOfCustoms.Bot.Storage;

/// <summary>
/// The one storage interface every feature persists through: JSON documents addressed by
/// collection, partition and id, with an ETag on every version. It is deliberately the shape of
/// Azure Table Storage (partition + row key, optimistic concurrency, atomic batches inside one
/// partition), so the embedded SQLite store and the Azure Tables store are interchangeable and
/// features choose partitions for the queries they make.
/// </summary>
public interface IDocumentStore
{
    /// <summary>Name shown in /healthz.</summary>
    string ProviderName { get; }

    Task<StoredDocument<T>?> GetAsync<T>(string collection, string partition, string id, CancellationToken cancellationToken = default);

    /// <summary>Every document of one partition, ordered by id.</summary>
    Task<IReadOnlyList<StoredDocument<T>>> ListAsync<T>(string collection, string partition, CancellationToken cancellationToken = default);

    /// <summary>
    /// The documents of one partition whose id starts with <paramref name="idPrefix"/> (ordinal), ordered by id:
    /// one kind of document out of a partition that holds several, or ids that sort by time read for one period.
    /// Stores that can read a key range override this; the default reads the partition and filters it.
    /// </summary>
    async Task<IReadOnlyList<StoredDocument<T>>> ListByPrefixAsync<T>(string collection, string partition, string idPrefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(idPrefix);
        var all = await ListAsync<System.Text.Json.JsonElement>(collection, partition, cancellationToken);
        return [.. all.Where(d => d.Id.StartsWith(idPrefix, StringComparison.Ordinal))
            .Select(d => new StoredDocument<T>(d.Partition, d.Id, StoreJson.Deserialize<T>(d.Value.GetRawText()), d.ETag, d.UpdatedAt))];
    }

    /// <summary>Every document of a collection across partitions, ordered by partition then id.</summary>
    Task<IReadOnlyList<StoredDocument<T>>> ListAllAsync<T>(string collection, CancellationToken cancellationToken = default);

    /// <summary>Applies all operations atomically; they must share one partition. Returns the new ETags in order (null for deletes).</summary>
    /// <exception cref="StoreConflictException">an insert found the document, or an ETag did not match; nothing was written.</exception>
    Task<IReadOnlyList<string?>> ExecuteAsync(string collection, string partition, IReadOnlyList<StoreOperation> operations, CancellationToken cancellationToken = default);
}

/// <summary>A document as stored, with the ETag to pass back for a conditional write.</summary>
public sealed record StoredDocument<T>(string Partition, string Id, T Value, string ETag, DateTimeOffset UpdatedAt);

public enum StoreOperationKind
{
    /// <summary>Fails with a conflict when the id exists.</summary>
    Insert,

    /// <summary>Writes whatever is there; with an ETag, only over that version.</summary>
    Upsert,

    /// <summary>Fails with a conflict when missing or (with an ETag) changed.</summary>
    Replace,

    Delete,
}

public sealed record StoreOperation(StoreOperationKind Kind, string Id, object? Value = null, string? IfMatch = null)
{
    public static StoreOperation Insert(string id, object value) => new(StoreOperationKind.Insert, id, value);

    public static StoreOperation Upsert(string id, object value) => new(StoreOperationKind.Upsert, id, value);

    public static StoreOperation Replace(string id, object value, string etag) => new(StoreOperationKind.Replace, id, value, etag);

    public static StoreOperation Delete(string id, string? etag = null) => new(StoreOperationKind.Delete, id, null, etag);
}

/// <summary>An optimistic-concurrency or uniqueness conflict: the caller re-reads and decides.</summary>
public sealed class StoreConflictException : Exception
{
    public StoreConflictException()
    {
    }

    public StoreConflictException(string message)
        : base(message)
    {
    }

    public StoreConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
