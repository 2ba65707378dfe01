using System.Collections.Concurrent;
using FutureOfCustoms.Bot.Storage;

namespace FutureOfCustoms.Bot.Suggestions;

/// <summary>
/// Suggestions in one partition: the group makes tens of them, the list and export read them all, and one
/// partition lets the number counter, the suggestion and the card's "already submitted" marker be written
/// in one atomic batch. In the same batch, each creation and status change is filed under its time
/// ("activity-" + time), so the digest reads the suggestions of its period without reading them all.
/// </summary>
internal sealed class SuggestionRepository(IDocumentStore store, TimeProvider time)
{
    private const string Collection = "suggestions";
    private const string Partition = "all";
    private const string CounterId = "counter";
    private const string ItemPrefix = "item-";
    private const string CardPrefix = "card-";
    private const string ActivityPrefix = "activity-";

    // Written once every suggestion stored before activity was filed has its records (see EnsureFiledAsync).
    private const string FiledId = "filed";

    // A digest reads its suggestions a few at a time.
    private const int ParallelReads = 8;

    /// <summary>How long the accepted suggestions read for one card serve the next ones.</summary>
    internal static readonly TimeSpan AcceptedFor = TimeSpan.FromSeconds(30);

    // Every suggestion card lists the accepted ones (the merge targets); reading every suggestion for each card
    // made a submit cost more with every suggestion the group ever made. Dropped on this instance's own changes;
    // another instance's review shows here within AcceptedFor.
    private volatile AcceptedSnapshot? _accepted;
    private int _changes;

    /// <summary>Stores a new suggestion under the next number; false when this card was submitted already.</summary>
    public async Task<Suggestion?> CreateAsync(string cardId, Func<int, Suggestion> create, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await WasSubmittedAsync(cardId, cancellationToken))
            {
                return null;
            }

            var counter = await store.GetAsync<Counter>(Collection, Partition, CounterId, cancellationToken);
            var next = (counter?.Value.Last ?? 0) + 1;
            var suggestion = create(next);
            StoreOperation counterWrite = counter is null
                ? StoreOperation.Insert(CounterId, new Counter(next))
                : StoreOperation.Replace(CounterId, new Counter(next), counter.ETag);
            try
            {
                await store.ExecuteAsync(Collection, Partition, [counterWrite, StoreOperation.Insert(ItemPrefix + suggestion.Id, suggestion), StoreOperation.Insert(CardPrefix + cardId, new CardMarker(suggestion.Id)), .. Activity(null, suggestion)], cancellationToken);
                return suggestion;
            }
            catch (StoreConflictException)
            {
                // Another submit took the number, or this very card was submitted twice at once: re-read and decide.
                await Task.Delay(Random.Shared.Next(1, 10), cancellationToken);
            }
        }
    }

    /// <summary>Replaces a suggestion if it still is the version read; the card marker makes an edit card single-use too.</summary>
    public async Task<bool> ReplaceAsync(StoredDocument<Suggestion> current, Suggestion next, string? cardId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(next);
        List<StoreOperation> operations = [StoreOperation.Replace(current.Id, next, current.ETag), .. Activity(current.Value, next)];
        if (cardId is not null)
        {
            operations.Add(StoreOperation.Insert(CardPrefix + cardId, new CardMarker(next.Id)));
        }

        try
        {
            await store.ExecuteAsync(Collection, Partition, operations, cancellationToken);
            Interlocked.Increment(ref _changes);
            return true;
        }
        catch (StoreConflictException)
        {
            return false;
        }
    }

    /// <summary>The accepted suggestions, by number.</summary>
    public async Task<IReadOnlyList<Suggestion>> AcceptedAsync(CancellationToken cancellationToken)
    {
        var changes = Volatile.Read(ref _changes);
        if (_accepted is { } known && known.Changes == changes && time.GetElapsedTime(known.ReadAt) < AcceptedFor)
        {
            return known.Suggestions;
        }

        var readAt = time.GetTimestamp();
        var accepted = (await ListAsync(cancellationToken)).Where(s => s.Status == SuggestionStatus.Accepted).OrderBy(s => s.Number).ToList();
        _accepted = new AcceptedSnapshot(accepted, readAt, changes);
        return accepted;
    }

    public async Task<bool> WasSubmittedAsync(string cardId, CancellationToken cancellationToken)
        => await store.GetAsync<CardMarker>(Collection, Partition, CardPrefix + cardId, cancellationToken) is not null;

    public Task<StoredDocument<Suggestion>?> GetAsync(string id, CancellationToken cancellationToken)
        => IsId(id) ? store.GetAsync<Suggestion>(Collection, Partition, ItemPrefix + id, cancellationToken) : Task.FromResult<StoredDocument<Suggestion>?>(null);

    /// <summary>Every suggestion, newest first.</summary>
    public async Task<IReadOnlyList<Suggestion>> ListAsync(CancellationToken cancellationToken)
        => [.. (await store.ListByPrefixAsync<Suggestion>(Collection, Partition, ItemPrefix, cancellationToken)).Select(d => d.Value).OrderByDescending(s => s.Number)];

    /// <summary>
    /// The suggestions created, or whose status changed, at some time in [start, end), as they are now (so the
    /// caller still checks which of their times fall in the period: a later change may have replaced one).
    /// </summary>
    public async Task<IReadOnlyList<Suggestion>> ActiveAsync(DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        await EnsureFiledAsync(cancellationToken);
        var ids = (await TimeOrderedIds.ListAsync<FiledActivity>(store, Collection, Partition, ActivityPrefix, start, end, cancellationToken))
            .Select(d => d.Value.SuggestionId)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var found = new ConcurrentBag<Suggestion>();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancellationToken }, async (id, token) =>
        {
            if (await store.GetAsync<Suggestion>(Collection, Partition, ItemPrefix + id, token) is { } suggestion)
            {
                found.Add(suggestion.Value);
            }
        });
        return [.. found];
    }

    /// <summary>
    /// Files the suggestions stored before their activity was filed (a store upgraded from an earlier version):
    /// upserts of what the suggestions say, so two instances doing it at once write the same records. A
    /// suggestion written meanwhile files its own.
    /// </summary>
    private async Task EnsureFiledAsync(CancellationToken cancellationToken)
    {
        if (await store.GetAsync<FiledMarker>(Collection, Partition, FiledId, cancellationToken) is not null)
        {
            return;
        }

        await store.ExecuteInBatchesAsync(Collection, Partition, (await ListAsync(cancellationToken)).SelectMany(s => Activity(null, s)), cancellationToken);

        await store.UpsertAsync(Collection, Partition, FiledId, new FiledMarker(true), cancellationToken);
    }

    /// <summary>Records of the times <paramref name="after"/> has and <paramref name="before"/> had not: its creation, its latest status change.</summary>
    private static IEnumerable<StoreOperation> Activity(Suggestion? before, Suggestion after)
    {
        if (after.CreatedAt != before?.CreatedAt)
        {
            yield return StoreOperation.Upsert(TimeOrderedIds.Id(ActivityPrefix, after.CreatedAt, $"{after.Id}-created"), new FiledActivity(after.Id));
        }

        if (after.StatusChangedAt is { } changed && changed != before?.StatusChangedAt)
        {
            yield return StoreOperation.Upsert(TimeOrderedIds.Id(ActivityPrefix, changed, $"{after.Id}-status"), new FiledActivity(after.Id));
        }
    }

    /// <summary>Ids are 32 lower-case hex digits: anything else is forged and never reaches the store.</summary>
    private static bool IsId(string id) => id.Length == 32 && id.All(char.IsAsciiHexDigitLower);

    private sealed record Counter(int Last);

    private sealed record CardMarker(string SuggestionId);

    private sealed record FiledActivity(string SuggestionId);

    private sealed record FiledMarker(bool Filed);

    /// <param name="Changes">This instance's change count when it was read: a later change makes it stale.</param>
    private sealed record AcceptedSnapshot(IReadOnlyList<Suggestion> Suggestions, long ReadAt, int Changes);
}
