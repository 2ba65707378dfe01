using FutureOfCustoms.Bot.Storage;

namespace FutureOfCustoms.Bot.Knowledge.Catalogue;

internal sealed record AddedDocument(string FileName, int Passages, DateTimeOffset AddedAt);

/// <summary>
/// Which documents joined the index and when, for the digest's "documents added" line: the index itself keeps
/// passages, not the history of their arrival. Partitioned by month like the questions.
/// </summary>
internal sealed class AddedDocumentLog(IDocumentStore store, TimeProvider time)
{
    private const string Collection = "knowledge-additions";

    public async Task RecordAsync(string fileName, int passages, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await store.InsertAsync(Collection, MonthlyPartitions.Of(now), Guid.NewGuid().ToString("N"), new AddedDocument(fileName, passages, now), cancellationToken);
    }

    public async Task<IReadOnlyList<AddedDocument>> ListAsync(DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var added = new List<AddedDocument>();
        foreach (var month in MonthlyPartitions.Covering(start, end))
        {
            var stored = await store.ListAsync<AddedDocument>(Collection, month, cancellationToken);
            added.AddRange(stored.Select(s => s.Value).Where(d => d.AddedAt >= start && d.AddedAt < end));
        }

        return [.. added.OrderBy(d => d.AddedAt)];
    }
}
