namespace FutureOfCustoms.Bot.Storage;

/// <summary>
/// Work leases as documents: holder + expiry, taken and renewed only by conditional writes, so it works
/// on any <see cref="IDocumentStore"/> (several processes on one SQLite file, or Azure Tables). Expiry is
/// compared across machines: their clocks must agree to well within the lease duration (NTP does).
/// </summary>
internal sealed class DocumentWorkLeases(IDocumentStore store, TimeProvider time, ILogger<DocumentWorkLeases> logger) : IExclusiveWork
{
    private const string Collection = "work-leases";
    private const string Partition = "leases";

    public async Task<IWorkLease?> TryAcquireAsync(string name, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        RenewingLease.CheckArguments(name, duration);

        // One holder id per acquisition: two callers in the same process exclude each other too.
        var holder = Guid.NewGuid().ToString("N");
        var current = await store.GetAsync<LeaseRecord>(Collection, Partition, name, cancellationToken);
        if (current is not null && current.Value.ExpiresAt > time.GetUtcNow())
        {
            return null;
        }

        var lease = new LeaseRecord(holder, time.GetUtcNow() + duration);
        string etag;
        try
        {
            etag = current is null
                ? await store.InsertAsync(Collection, Partition, name, lease, cancellationToken)
                : await store.ReplaceAsync(Collection, Partition, name, lease, current.ETag, cancellationToken);
        }
        catch (StoreConflictException)
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
                    etag = await store.ReplaceAsync(Collection, Partition, name, lease with { ExpiresAt = time.GetUtcNow() + duration }, etag, ct);
                    return true;
                }
                catch (StoreConflictException)
                {
                    return false;
                }
            },
            async () =>
            {
                try
                {
                    await store.DeleteAsync(Collection, Partition, name, etag);
                }
                catch (StoreConflictException)
                {
                    // Expired and taken by someone else in the meantime: theirs now.
                }
            },
            time,
            logger);
    }

    internal sealed record LeaseRecord(string Holder, DateTimeOffset ExpiresAt);
}
