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

    [ContractFact]
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

    [ContractFact]
    public async Task A_missing_document_reads_as_null()
    {
        Assert.Null(await Store.GetAsync<Note>(Collection, "p1", "nothing"));
    }

    [ContractFact]
    public async Task Inserting_an_existing_id_conflicts_and_keeps_the_first()
    {
        await Store.InsertAsync(Collection, "p1", "n1", new Note("first"));

        await Assert.ThrowsAsync<StoreConflictException>(() => Store.InsertAsync(Collection, "p1", "n1", new Note("second")));

        Assert.Equal("first", (await Store.GetAsync<Note>(Collection, "p1", "n1"))!.Value.Text);
    }

    [ContractFact]
    public async Task Replacing_with_a_stale_etag_conflicts_and_changes_nothing()
    {
        var first = await Store.InsertAsync(Collection, "p1", "n1", new Note("v1"));
        await Store.ReplaceAsync(Collection, "p1", "n1", new Note("v2"), first);

        await Assert.ThrowsAsync<StoreConflictException>(() => Store.ReplaceAsync(Collection, "p1", "n1", new Note("v3"), first));

        Assert.Equal("v2", (await Store.GetAsync<Note>(Collection, "p1", "n1"))!.Value.Text);
    }

    [ContractFact]
    public async Task Every_write_gets_a_new_etag()
    {
        var first = await Store.UpsertAsync(Collection, "p1", "n1", new Note("v1"));
        var second = await Store.UpsertAsync(Collection, "p1", "n1", new Note("v2"));

        Assert.NotEqual(first, second);
        Assert.Equal(second, (await Store.GetAsync<Note>(Collection, "p1", "n1"))!.ETag);
    }

    [ContractFact]
    public async Task Listing_a_partition_returns_only_its_documents_in_id_order()
    {
        await Store.InsertAsync(Collection, "p1", "b", new Note("b"));
        await Store.InsertAsync(Collection, "p1", "a", new Note("a"));
        await Store.InsertAsync(Collection, "p2", "c", new Note("c"));

        var listed = await Store.ListAsync<Note>(Collection, "p1");

        Assert.Equal(["a", "b"], listed.Select(d => d.Id));
    }

    [ContractFact]
    public async Task Listing_a_collection_returns_every_partition()
    {
        await Store.InsertAsync(Collection, "p2", "c", new Note("c"));
        await Store.InsertAsync(Collection, "p1", "a", new Note("a"));

        var listed = await Store.ListAllAsync<Note>(Collection);

        Assert.Equal(["p1/a", "p2/c"], listed.Select(d => $"{d.Partition}/{d.Id}"));
    }

    [ContractFact]
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

    [ContractFact]
    public async Task Deleting_removes_the_document_and_a_stale_etag_protects_it()
    {
        var etag = await Store.InsertAsync(Collection, "p1", "n1", new Note("v1"));
        await Store.UpsertAsync(Collection, "p1", "n1", new Note("v2"));

        await Assert.ThrowsAsync<StoreConflictException>(() => Store.DeleteAsync(Collection, "p1", "n1", etag));
        await Store.DeleteAsync(Collection, "p1", "n1");

        Assert.Null(await Store.GetAsync<Note>(Collection, "p1", "n1"));
    }

    [ContractFact]
    public async Task Concurrent_updates_of_one_document_are_never_lost()
    {
        const int writers = 40;

        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(() =>
            Store.UpdateAsync<Note>(Collection, "p1", "counter", n => new Note("counter", (n?.Count ?? 0) + 1)))));

        Assert.Equal(writers, (await Store.GetAsync<Note>(Collection, "p1", "counter"))!.Value.Count);
    }

    [ContractFact]
    public async Task Keys_with_teams_punctuation_round_trip()
    {
        const string partition = "19:abc@thread.tacv2;messageid=1700000000000";
        const string id = "a:1Xy-Z_9/é#?";

        await Store.InsertAsync(Collection, partition, id, new Note("teams"));

        Assert.Equal("teams", (await Store.GetAsync<Note>(Collection, partition, id))!.Value.Text);
        Assert.Equal(id, Assert.Single(await Store.ListAsync<Note>(Collection, partition)).Id);
    }

    [ContractFact]
    public async Task Keys_with_characters_azure_tables_forbid_round_trip_and_list()
    {
        const string partition = "team/19:a\\b#c?d%e~f g\t\u0001é😀";
        string[] ids = ["x/y", "x\\y", "x#y", "x?y", "x~7E", "x%2F", "\u007f", " ", "😀"];

        foreach (var id in ids)
        {
            await Store.InsertAsync(Collection, partition, id, new Note(id));
        }

        foreach (var id in ids)
        {
            Assert.Equal(id, (await Store.GetAsync<Note>(Collection, partition, id))!.Value.Text);
        }

        Assert.Equal(ids.Order(StringComparer.Ordinal), (await Store.ListAsync<Note>(Collection, partition)).Select(d => d.Id));
        Assert.All(await Store.ListAllAsync<Note>(Collection), d => Assert.Equal(partition, d.Partition));
    }

    [ContractFact]
    public async Task Ids_list_in_ordinal_order_whatever_their_characters()
    {
        string[] ids = ["b", "B", "a-1", "a_1", "a/1", "a~1", "a", "é", "10", "9", "Z", "a.1"];
        await Store.ExecuteAsync(Collection, "p1", [.. ids.Select(id => StoreOperation.Insert(id, new Note(id)))]);

        var listed = await Store.ListAsync<Note>(Collection, "p1");

        Assert.Equal(ids.Order(StringComparer.Ordinal), listed.Select(d => d.Id));
    }

    [ContractFact]
    public async Task Partitions_list_in_ordinal_order_then_ids()
    {
        await Store.InsertAsync(Collection, "b", "2", new Note("b2"));
        await Store.InsertAsync(Collection, "a/z", "1", new Note("a/z1"));
        await Store.InsertAsync(Collection, "a", "2", new Note("a2"));
        await Store.InsertAsync(Collection, "a", "1", new Note("a1"));

        var listed = await Store.ListAllAsync<Note>(Collection);

        Assert.Equal(["a1", "a2", "a/z1", "b2"], listed.Select(d => d.Value.Text));
    }

    [ContractFact]
    public async Task Listing_by_prefix_returns_exactly_the_ids_that_start_with_it_in_id_order()
    {
        string[] matching = ["v-20261123-b", "v-20261123-a", "v-20261123", "v-20261123~é /#?", "v-20261123\U0010FFFFx"];
        string[] others = ["v-2026112", "v-20261124", "v-20261122\U0010FFFF", "v.", "u-9", "w", "V-20261123-a"];
        await Store.ExecuteAsync(Collection, "p1", [.. matching.Concat(others).Select(id => StoreOperation.Insert(id, new Note(id)))]);
        await Store.InsertAsync(Collection, "p2", "v-20261123-c", new Note("another partition"));

        var listed = await Store.ListByPrefixAsync<Note>(Collection, "p1", "v-20261123");

        Assert.Equal(matching.Order(StringComparer.Ordinal), listed.Select(d => d.Id));
        Assert.All(listed, d => Assert.Equal(d.Id, d.Value.Text));
    }

    [ContractFact]
    public async Task Listing_by_a_prefix_azure_tables_would_escape_or_an_empty_one_works_too()
    {
        string[] ids = ["a/b#1", "a/b#2", "a/c", "a~b", "ab", "é/1", "é0"];
        await Store.ExecuteAsync(Collection, "p1", [.. ids.Select(id => StoreOperation.Insert(id, new Note(id)))]);

        Assert.Equal(["a/b#1", "a/b#2"], (await Store.ListByPrefixAsync<Note>(Collection, "p1", "a/b#")).Select(d => d.Id));
        Assert.Equal(["é/1"], (await Store.ListByPrefixAsync<Note>(Collection, "p1", "é/")).Select(d => d.Id));
        Assert.Equal(ids.Order(StringComparer.Ordinal), (await Store.ListByPrefixAsync<Note>(Collection, "p1", string.Empty)).Select(d => d.Id));
        Assert.Empty(await Store.ListByPrefixAsync<Note>(Collection, "p1", "b"));
    }

    [ContractFact]
    public async Task A_document_of_several_hundred_kilobytes_round_trips_and_shrinks_again()
    {
        var large = new Note(string.Concat(Enumerable.Repeat("accès ", 40_000)) + "😀");
        Assert.True(StoreJson.Serialize(large).Length > 200_000);

        var etag = await Store.InsertAsync(Collection, "p1", "large", large);
        var readBack = await Store.GetAsync<Note>(Collection, "p1", "large");
        var listed = Assert.Single(await Store.ListAsync<Note>(Collection, "p1"));
        await Store.ReplaceAsync(Collection, "p1", "large", new Note("small"), etag);

        Assert.Equal(large.Text, readBack!.Value.Text);
        Assert.Equal(large.Text, listed.Value.Text);
        Assert.Equal("small", (await Store.GetAsync<Note>(Collection, "p1", "large"))!.Value.Text);
    }

    [ContractFact]
    public async Task A_batch_of_one_hundred_operations_is_written_at_once_with_etags_in_order()
    {
        var operations = Enumerable.Range(0, 100).Select(i => StoreOperation.Insert($"n{i:D3}", new Note("batch", i))).ToList();

        var etags = await Store.ExecuteAsync(Collection, "p1", operations);

        var listed = await Store.ListAsync<Note>(Collection, "p1");
        Assert.Equal(100, listed.Count);
        Assert.Equal(listed.Select(d => d.ETag), etags);
        Assert.Equal(Enumerable.Range(0, 100), listed.Select(d => d.Value.Count));
    }

    [ContractFact]
    public async Task A_mixed_batch_inserts_replaces_and_deletes_together()
    {
        var replaced = await Store.InsertAsync(Collection, "p1", "replaced", new Note("old"));
        await Store.InsertAsync(Collection, "p1", "deleted", new Note("gone"));

        var etags = await Store.ExecuteAsync(Collection, "p1",
        [
            StoreOperation.Insert("inserted", new Note("new")),
            StoreOperation.Replace("replaced", new Note("new"), replaced),
            StoreOperation.Delete("deleted"),
            StoreOperation.Delete("never-existed"),
        ]);

        Assert.Null(etags[2]);
        Assert.Null(etags[3]);
        Assert.Equal(["inserted", "replaced"], (await Store.ListAsync<Note>(Collection, "p1")).Select(d => d.Id));
        Assert.Equal(etags[1], (await Store.GetAsync<Note>(Collection, "p1", "replaced"))!.ETag);
    }

    [ContractFact]
    public async Task Deleting_a_missing_document_without_an_etag_is_not_an_error()
    {
        await Store.DeleteAsync(Collection, "p1", "nothing");

        Assert.Empty(await Store.ListAsync<Note>(Collection, "p1"));
    }

    [ContractFact]
    public async Task Replacing_or_conditionally_upserting_a_missing_document_conflicts()
    {
        var etag = await Store.InsertAsync(Collection, "p1", "n1", new Note("v1"));
        await Store.DeleteAsync(Collection, "p1", "n1");

        await Assert.ThrowsAsync<StoreConflictException>(() => Store.ReplaceAsync(Collection, "p1", "n1", new Note("v2"), etag));
        await Assert.ThrowsAsync<StoreConflictException>(() => Store.ExecuteAsync(Collection, "p1", [new StoreOperation(StoreOperationKind.Upsert, "n1", new Note("v3"), etag)]));
        Assert.Null(await Store.GetAsync<Note>(Collection, "p1", "n1"));
    }

    [ContractFact]
    public async Task A_conditional_upsert_writes_over_the_version_it_names()
    {
        var etag = await Store.InsertAsync(Collection, "p1", "n1", new Note("v1"));

        await Store.ExecuteAsync(Collection, "p1", [new StoreOperation(StoreOperationKind.Upsert, "n1", new Note("v2"), etag)]);

        Assert.Equal("v2", (await Store.GetAsync<Note>(Collection, "p1", "n1"))!.Value.Text);
    }

    [ContractFact]
    public async Task The_update_time_is_recent()
    {
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);

        await Store.InsertAsync(Collection, "p1", "n1", new Note("v1"));

        var updatedAt = (await Store.GetAsync<Note>(Collection, "p1", "n1"))!.UpdatedAt;
        Assert.InRange(updatedAt, before, DateTimeOffset.UtcNow.AddMinutes(1));
    }
}
