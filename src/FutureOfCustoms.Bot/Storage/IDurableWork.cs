namespace FutureOfCustoms.Bot.Storage;

/// <summary>
/// A piece of background work kept in the store until it is done: what to do (<see cref="Kind"/>, read by the
/// handler of that kind), its data as JSON, when it is due, and who holds it until when.
/// </summary>
public sealed record WorkItem
{
    public required string Kind { get; init; }

    /// <summary>Unique per kind: enqueueing the same key twice queues it once.</summary>
    public required string Key { get; init; }

    /// <summary>The handler's data, as JSON (StoreJson).</summary>
    public required string Payload { get; init; }

    public required DateTimeOffset EnqueuedAt { get; init; }

    public required DateTimeOffset DueAt { get; init; }

    /// <summary>Claims so far, the current one included: bounded by WorkQueue:MaxAttempts, so a crash loop ends in the dead letters.</summary>
    public int Attempts { get; init; }

    public string? Holder { get; init; }

    /// <summary>Until when <see cref="Holder"/> has it; past that an instance that died is assumed and anyone may claim it.</summary>
    public DateTimeOffset? LeaseUntil { get; init; }

    public string? LastError { get; init; }

    public DateTimeOffset? DeadAt { get; init; }

    public T Read<T>() => StoreJson.Deserialize<T>(Payload);
}

/// <summary>An item this instance holds, with the ETag its next write must match.</summary>
public sealed record ClaimedWork(string Id, WorkItem Item, string ETag);

/// <summary>What the queue holds right now: for /readyz, the metrics and the moderator.</summary>
public sealed record WorkQueueStats(int Waiting, int InHand, DateTimeOffset? OldestDueAt, int Dead);

/// <summary>
/// The one durable work queue, in the document store (so the same code runs on the SQLite file and on Azure
/// Tables shared by several instances). Items are claimed with a lease by a conditional write, so one instance
/// runs each; an item whose holder died is claimed again once its lease runs out; an item that keeps failing
/// ends in the dead letters, which a moderator sees.
/// </summary>
public interface IDurableWork
{
    /// <summary>Queues work; false when an item of this kind and key is already queued (nothing is queued twice).</summary>
    Task<bool> EnqueueAsync(string kind, string key, object payload, DateTimeOffset? dueAt = null, CancellationToken cancellationToken = default);

    /// <summary>The item due first that nobody holds, now held by <paramref name="holder"/>; null when none is due.</summary>
    Task<ClaimedWork?> TryClaimAsync(string holder, CancellationToken cancellationToken = default);

    /// <summary>Done: the item leaves the queue. False when the lease was lost and another instance has it.</summary>
    Task<bool> CompleteAsync(ClaimedWork work, CancellationToken cancellationToken = default);

    /// <summary>Failed: due again after a backoff, or a dead letter once its attempts are spent.</summary>
    Task FailAsync(ClaimedWork work, string reason, CancellationToken cancellationToken = default);

    /// <summary>Failed in a way trying again cannot fix (or must not: a send that may have gone out): a dead letter now.</summary>
    Task DeadLetterAsync(ClaimedWork work, string reason, CancellationToken cancellationToken = default);

    /// <summary>Handed back unfinished (shutdown): claimable at once, and the attempt does not count.</summary>
    Task ReleaseAsync(ClaimedWork work, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<WorkItem>> DeadLettersAsync(CancellationToken cancellationToken = default);

    Task<WorkQueueStats> StatsAsync(CancellationToken cancellationToken = default);
}
