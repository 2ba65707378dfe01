using Azure.Data.Tables;
using FutureOfCustoms.Bot.Storage;
using FutureOfCustoms.Bot.Storage.AzureTables;

namespace FutureOfCustoms.Bot.Tests.Storage;

/// <summary>The contract suite against Azure Tables as Azurite serves it; CI runs it, a machine without Node skips it.</summary>
[RequiresTools(RequiredTool.Node, RequiredTool.NodeModules)]
public sealed class AzureTablesDocumentStoreTests(Azurite azurite) : DocumentStoreContract, IClassFixture<Azurite>
{
    protected override IDocumentStore Store { get; } = new AzureTablesDocumentStore(new TableServiceClient(azurite.ConnectionString), "foctest");

    [ContractFact]
    public async Task A_document_beyond_the_entity_limit_is_refused_with_a_clear_message()
    {
        var huge = new Note(new string('x', (AzureTablesDocumentStore.MaxChunks * AzureTablesDocumentStore.ChunkLength) + 1));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Store.InsertAsync(Collection, "p1", "huge", huge));

        Assert.Contains("Split it into several documents", error.Message, StringComparison.Ordinal);
        Assert.Null(await Store.GetAsync<Note>(Collection, "p1", "huge"));
    }

    [ContractFact]
    public async Task A_batch_beyond_one_hundred_operations_is_refused_before_writing()
    {
        var operations = Enumerable.Range(0, 101).Select(i => StoreOperation.Insert($"n{i}", new Note("n"))).ToList();

        await Assert.ThrowsAsync<ArgumentException>(() => Store.ExecuteAsync(Collection, "p1", operations));

        Assert.Empty(await Store.ListAsync<Note>(Collection, "p1"));
    }

    [ContractFact]
    public async Task Each_collection_gets_its_own_prefixed_table_named_within_the_rules()
    {
        await Store.InsertAsync("personal-chats", "p", "1", new Note("dash"));
        await Store.InsertAsync("personalchats", "p", "1", new Note("plain"));

        Assert.Equal("dash", (await Store.GetAsync<Note>("personal-chats", "p", "1"))!.Value.Text);
        Assert.Equal("plain", (await Store.GetAsync<Note>("personalchats", "p", "1"))!.Value.Text);
        Assert.Matches("^foctestpersonalchats[0-9a-f]{8}$", TableKeys.TableName("foctest", "personal-chats"));
        Assert.Equal("foctestpersonalchats", TableKeys.TableName("foctest", "personalchats"));
        Assert.InRange(TableKeys.TableName("foc", new string('a', 100)).Length, 3, 63);
    }
}
