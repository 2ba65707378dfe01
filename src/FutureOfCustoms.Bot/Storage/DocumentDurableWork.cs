using Microsoft.Extensions.Options;

namespace FutureOfCustoms.Bot.Storage;

/// <summary>
/// <see cref="IDurableWork"/> on <see cref="IDocumentStore"/>: waiting items in one partition (a bot's background
/// work is a few items a minute, far below a partition's limits), dead letters in another. Every change of an
/// item is a write conditional on the ETag it was read with, which is what makes a claim exclusive. Expiry is
/// compared across machines: their clocks must agree to well within <see cref="WorkQueueOptions.Lease"/>.
/// </summary>
internal sealed class DocumentDurableWork(IDocumentStore store, IOptions<WorkQueueOptions> options, TimeProvider time) : IDurableWork
{
    private const string Collection = "work-queue";
    private const string Waiting = "waiting";
    private const string Dead = "dead";

    public async Task<bool> EnqueueAsync(string kind, string key, object payload, DateTimeOffset? dueAt = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var now = time.GetUtcNow();
        var item = new WorkItem { Kind = kind, Key = key, Payload = StoreJson.Serialize(payload), EnqueuedAt = now, DueAt = dueAt ?? now };
        try
        {
            await store.InsertAsync(Collection, Waiting, IdOf(kind, key), item, cancellationToken);
            return true;
        }
        catch (StoreConflictException)
        {
            return false;
        }
    }

    public async Task<ClaimedWork?> TryClaimAsync(string holder, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var due = (await store.ListAsync<WorkItem>(Collection, Waiting, cancellationToken))
            .Where(d => d.Value.DueAt <= now && (d.Value.LeaseUntil is null || d.Value.LeaseUntil <= now))
            .OrderBy(d => d.Value.DueAt);
        foreach (var candidate in due)
        {
            var claimed = candidate.Value with { Holder = holder, LeaseUntil = now + options.Value.Lease, Attempts = candidate.Value.Attempts + 1 };
            try
            {
                var etag = await store.ReplaceAsync(Collection, Waiting, candidate.Id, claimed, candidate.ETag, cancellationToken);
                return new ClaimedWork(candidate.Id, claimed, etag);
            }
            catch (StoreConflictException)
            {
                // Another instance claimed (or finished) it between the listing and this write: try the next.
            }
        }

        return null;
    }

    public async Task<bool> CompleteAsync(ClaimedWork work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            await store.DeleteAsync(Collection, Waiting, work.Id, work.ETag, cancellationToken);
            return true;
        }
        catch (StoreConflictException)
        {
            return false;
        }
    }

    public Task FailAsync(ClaimedWork work, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        var settings = options.Value;
        if (work.Item.Attempts >= settings.MaxAttempts)
        {
            return DeadLetterAsync(work, reason, cancellationToken);
        }

        var backoff = TimeSpan.FromTicks(Math.Min(settings.MaxRetryDelay.Ticks, settings.RetryDelay.Ticks * (1L << Math.Min(work.Item.Attempts - 1, 20))));
        return TryReplaceAsync(work, work.Item with { Holder = null, LeaseUntil = null, LastError = reason, DueAt = time.GetUtcNow() + backoff }, cancellationToken);
    }

    public async Task DeadLetterAsync(ClaimedWork work, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);

        // Written before the waiting item goes: a crash in between leaves the item to be claimed again and dead-lettered
        // over the same id, never lost.
        await store.UpsertAsync(Collection, Dead, work.Id, work.Item with { Holder = null, LeaseUntil = null, LastError = reason, DeadAt = time.GetUtcNow() }, cancellationToken);
        await CompleteAsync(work, cancellationToken);
    }

    public Task ReleaseAsync(ClaimedWork work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return TryReplaceAsync(work, work.Item with { Holder = null, LeaseUntil = null, Attempts = Math.Max(0, work.Item.Attempts - 1) }, cancellationToken);
    }

    public async Task<IReadOnlyList<WorkItem>> DeadLettersAsync(CancellationToken cancellationToken = default)
        => [.. (await store.ListAsync<WorkItem>(Collection, Dead, cancellationToken)).Select(d => d.Value).OrderByDescending(i => i.DeadAt)];

    public async Task<WorkQueueStats> StatsAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var waiting = await store.ListAsync<WorkItem>(Collection, Waiting, cancellationToken);
        var dead = await store.ListAsync<WorkItem>(Collection, Dead, cancellationToken);
        var inHand = waiting.Count(d => d.Value.LeaseUntil > now);
        var oldest = waiting.Where(d => !(d.Value.LeaseUntil > now)).Select(d => (DateTimeOffset?)d.Value.DueAt).Min();
        return new WorkQueueStats(waiting.Count - inHand, inHand, oldest, dead.Count);
    }

    /// <summary>Kinds and keys become one row key: Azure Tables refuses '/', '\', '#', '?' and control characters in keys.</summary>
    internal static string IdOf(string kind, string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        var id = $"{kind}~{key}";
        if (id.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)) || id.Length > 512)
        {
            throw new ArgumentException($"A work item's kind and key must not hold '/', '\\', '#', '?' or control characters, and stay under 512 characters: {id}", nameof(key));
        }

        return id;
    }

    /// <summary>A write over the claimed version; lost when the lease ran out and another instance has the item now.</summary>
    private async Task TryReplaceAsync(ClaimedWork work, WorkItem item, CancellationToken cancellationToken)
    {
        try
        {
            await store.ReplaceAsync(Collection, Waiting, work.Id, item, work.ETag, cancellationToken);
        }
        catch (StoreConflictException)
        {
            // Theirs now: whatever they do with it stands.
        }
    }
}
