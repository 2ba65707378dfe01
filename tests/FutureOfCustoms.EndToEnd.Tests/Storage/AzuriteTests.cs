using Azure.Data.Tables;
using FutureOfCustoms.EndToEnd.Tests.Infrastructure;

namespace FutureOfCustoms.EndToEnd.Tests.Storage;

public sealed class AzuriteTests(Azurite azurite) : IClassFixture<Azurite>
{
    [E2EFact(RequiredTool.Node, RequiredTool.NodeModules)]
    public async Task A_table_can_be_created_and_an_entity_read_back_through_the_connection_string()
    {
        var table = new TableClient(azurite.ConnectionString, "e2eSmoke");

        await table.CreateIfNotExistsAsync();
        await table.AddEntityAsync(new TableEntity("pk", "rk") { ["Topic"] = "coordinated border management" });

        var entity = await table.GetEntityAsync<TableEntity>("pk", "rk");
        Assert.Equal("coordinated border management", entity.Value.GetString("Topic"));
        Assert.Contains($"127.0.0.1:{azurite.TablePort}", table.Uri.ToString(), StringComparison.Ordinal);
    }
}
