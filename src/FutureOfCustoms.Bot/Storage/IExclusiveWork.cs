namespace FutureOfCustoms.Bot.Storage;

/// <summary>
/// Work that must happen once across all instances (posting the digest, closing a poll at its time):
/// the instance that gets the lease does it, the others skip. Use as
/// <c>await using var lease = await work.TryAcquireAsync("digest-2025-W07", TimeSpan.FromSeconds(30), ct); if (lease is null) return;</c>
/// and record in the store that the work is done before releasing, so a later holder does not repeat it.
/// </summary>
public interface IExclusiveWork
{
    /// <summary>
    /// The lease on <paramref name="name"/>, renewed in the background at half of <paramref name="duration"/>
    /// while held and released on dispose; null when someone else holds it. A holder that crashes keeps
    /// it at most <paramref name="duration"/> (15-60 s: the range blob leases allow).
    /// </summary>
    Task<IWorkLease?> TryAcquireAsync(string name, TimeSpan duration, CancellationToken cancellationToken = default);
}

/// <summary>A held lease. Dispose to release it.</summary>
public interface IWorkLease : IAsyncDisposable
{
    string Name { get; }

    /// <summary>Cancelled when a renewal failed for longer than the lease lasts: another instance may have it now, so stop.</summary>
    CancellationToken Lost { get; }
}
