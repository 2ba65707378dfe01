using FutureOfCustoms.Bot.Storage;

namespace FutureOfCustoms.Bot.Suggestions;

/// <summary>
/// Suggestions in one partition: the group makes tens of them, the list and export read them all, and one
/// partition lets the number counter, the suggestion and the card's "already submitted" marker be written
/// in one atomic batch.
/// </summary>
internal sealed class SuggestionRepository(IDocumentStore store)
{
    private const string Collection = "suggestions";
    private const string Partition = "all";
    private const string CounterId = "counter";
    private const string ItemPrefix = "item-";
    private const string CardPrefix = "card-";

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
                await store.ExecuteAsync(Collection, Partition, [counterWrite, StoreOperation.Insert(ItemPrefix + suggestion.Id, suggestion), StoreOperation.Insert(CardPrefix + cardId, new CardMarker(suggestion.Id))], cancellationToken);
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
        List<StoreOperation> operations = [StoreOperation.Replace(current.Id, next, current.ETag)];
        if (cardId is not null)
        {
            operations.Add(StoreOperation.Insert(CardPrefix + cardId, new CardMarker(next.Id)));
        }

        try
        {
            await store.ExecuteAsync(Collection, Partition, operations, cancellationToken);
            return true;
        }
        catch (StoreConflictException)
        {
            return false;
        }
    }

    public async Task<bool> WasSubmittedAsync(string cardId, CancellationToken cancellationToken)
        => await store.GetAsync<CardMarker>(Collection, Partition, CardPrefix + cardId, cancellationToken) is not null;

    public Task<StoredDocument<Suggestion>?> GetAsync(string id, CancellationToken cancellationToken)
        => IsId(id) ? store.GetAsync<Suggestion>(Collection, Partition, ItemPrefix + id, cancellationToken) : Task.FromResult<StoredDocument<Suggestion>?>(null);

    /// <summary>Every suggestion, newest first.</summary>
    public async Task<IReadOnlyList<Suggestion>> ListAsync(CancellationToken cancellationToken)
    {
        var all = await store.ListAsync<System.Text.Json.JsonElement>(Collection, Partition, cancellationToken);
        return [.. all.Where(d => d.Id.StartsWith(ItemPrefix, StringComparison.Ordinal))
            .Select(d => StoreJson.Deserialize<Suggestion>(d.Value.GetRawText()))
            .OrderByDescending(s => s.Number)];
    }

    /// <summary>Ids are 32 lower-case hex digits: anything else is forged and never reaches the store.</summary>
    private static bool IsId(string id) => id.Length == 32 && id.All(char.IsAsciiHexDigitLower);

    private sealed record Counter(int Last);

    private sealed record CardMarker(string SuggestionId);
}
