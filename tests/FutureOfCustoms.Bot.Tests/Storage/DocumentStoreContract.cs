using FutureOfCustoms.Bot.Storage;

namespace FutureOfCustoms.Bot.Tests.Storage;

/// <summary>
/// What every <see cref="IDocumentStore"/> promises; each provider's test class derives from this one,
/// so the embedded and the distributed store are held to the same behaviour.
/// </summary>
public abstract class DocumentStoreContract
{
    protected abstract IDocumentStore Store { get; }

    /// <summary>Each test works in its own collection so providers may share one database or account.</summary>
    protected string Collection { get; } = "c" + Guid.NewGuid().ToString("N")[..12];

    public sealed record Note(string Text, int Count = 0);

    [Fact]
    public async Task A_document_reads_back_as_written_with_an_etag()
    {
        await Store.InsertAsync(Collection, "p1", "n1", new Note("héllo <b> \"quoted\"", 3));

        var stored = await Store.GetAsync<Note>(Collection, "p1", "n1");

        Assert.NotNull(stored);
        Assert.Equal(new Note("héllo <b> \"quoted\"", 3), stored.Value);
        Assert.False(string.IsNullOrEmpty(stored.ETag));
        Assert.Equal("p1", stored.Partition);
        Assert.Equal("n1", stored.Id);
    }

    [Fact]
    public async Task A_missing_document_reads_as_null()
    {
        Assert.Null(await Store.GetAsync<Note>(Collection, "p1", "nothing"));
    }

    [Fact]
    public async Task Inserting_an_existing_id_conflicts_and_keeps_the_first()
    {
        await Store.InsertAsync(Collection, "p1", "n1", new Note("first"));

        await Assert.ThrowsAsync<StoreConflictException>(() => Store.InsertAsync(Collection, "p1", "n1", new Note("second")));

        Assert.Equal("first", (await Store.GetAsync<Note>(Collection, "p1", "n1"))!.Value.Text);
    }

    [Fact]
    public async Task Replacing_with_a_stale_etag_conflicts_and_changes_nothing()
    {
        var first = await Store.InsertAsync(Collection, "p1", "n1", new Note("v1"));
        await Store.ReplaceAsync(Collection, "p1", "n1", new Note("v2"), first);

        await Assert.ThrowsAsync<StoreConflictException>(() => Store.ReplaceAsync(Collection, "p1", "n1", new Note("v3"), first));

        Assert.Equal("v2", (await Store.GetAsync<Note>(Collection, "p1", "n1"))!.Value.Text);
    }

    [Fact]
    public async Task Every_write_gets_a_new_etag()
    {
        var first = await Store.UpsertAsync(Collection, "p1", "n1", new Note("v1"));
        var second = await Store.UpsertAsync(Collection, "p1", "n1", new Note("v2"));

        Assert.NotEqual(first, second);
        Assert.Equal(second, (await Store.GetAsync<Note>(Collection, "p1", "n1"))!.ETag);
    }

    [Fact]
    public async Task Listing_a_partition_returns_only_its_documents_in_id_order()
    {
        await Store.InsertAsync(Collection, "p1", "b", new Note("b"));
        await Store.InsertAsync(Collection, "p1", "a", new Note("a"));
        await Store.InsertAsync(Collection, "p2", "c", new Note("c"));

        var listed = await Store.ListAsync<Note>(Collection, "p1");

        Assert.Equal(["a", "b"], listed.Select(d => d.Id));
    }

    [Fact]
    public async Task Listing_a_collection_returns_every_partition()
    {
        await Store.InsertAsync(Collection, "p2", "c", new Note("c"));
        await Store.InsertAsync(Collection, "p1", "a", new Note("a"));

        var listed = await Store.ListAllAsync<Note>(Collection);

        Assert.Equal(["p1/a", "p2/c"], listed.Select(d => $"{d.Partition}/{d.Id}"));
    }

    [Fact]
    public async Task A_batch_with_one_conflict_writes_nothing()
    {
        await Store.InsertAsync(Collection, "p1", "taken", new Note("kept"));

        await Assert.ThrowsAsync<StoreConflictException>(() => Store.ExecuteAsync(Collection, "p1",
        [
            StoreOperation.Insert("new", new Note("new")),
            StoreOperation.Insert("taken", new Note("overwritten")),
        ]));

        Assert.Null(await Store.GetAsync<Note>(Collection, "p1", "new"));
        Assert.Equal("kept", (await Store.GetAsync<Note>(Collection, "p1", "taken"))!.Value.Text);
    }

    [Fact]
    public async Task Deleting_removes_the_document_and_a_stale_etag_protects_it()
    {
        var etag = await Store.InsertAsync(Collection, "p1", "n1", new Note("v1"));
        await Store.UpsertAsync(Collection, "p1", "n1", new Note("v2"));

        await Assert.ThrowsAsync<StoreConflictException>(() => Store.DeleteAsync(Collection, "p1", "n1", etag));
        await Store.DeleteAsync(Collection, "p1", "n1");

        Assert.Null(await Store.GetAsync<Note>(Collection, "p1", "n1"));
    }

    [Fact]
    public async Task Concurrent_updates_of_one_document_are_never_lost()
    {
        const int writers = 40;

        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(() =>
            Store.UpdateAsync<Note>(Collection, "p1", "counter", n => new Note("counter", (n?.Count ?? 0) + 1)))));

        Assert.Equal(writers, (await Store.GetAsync<Note>(Collection, "p1", "counter"))!.Value.Count);
    }

    [Fact]
    public async Task Keys_with_teams_punctuation_round_trip()
    {
        const string partition = "19:abc@thread.tacv2;messageid=1700000000000";
        const string id = "a:1Xy-Z_9/é#?";

        await Store.InsertAsync(Collection, partition, id, new Note("teams"));

        Assert.Equal("teams", (await Store.GetAsync<Note>(Collection, partition, id))!.Value.Text);
        Assert.Equal(id, Assert.Single(await Store.ListAsync<Note>(Collection, partition)).Id);
    }
}
