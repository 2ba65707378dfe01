using FutureOfCustoms.Bot.Messaging;
using FutureOfCustoms.Bot.Storage;
using FutureOfCustoms.Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FutureOfCustoms.Bot.Tests.Storage;

/// <summary>The real host switched to Azure storage by settings alone, against Azurite.</summary>
public sealed class AzureStorageHostTests(Azurite azurite) : IClassFixture<Azurite>
{
    [E2EFact(RequiredTool.Node, RequiredTool.NodeModules)]
    public async Task With_provider_azure_tables_a_turn_stores_its_conversation_in_azure_tables()
    {
        using var factory = new BotApplicationFactory(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "AzureTables",
            ["Storage:AzureTables:ConnectionString"] = azurite.ConnectionString,
            ["Storage:AzureTables:TablePrefix"] = "host" + Guid.NewGuid().ToString("N")[..8],
            ["Storage:AzureBlobs:Container"] = "host-" + Guid.NewGuid().ToString("N"),
        });

        var (response, _) = await factory.PostActivityAsync(BotApplicationFactory.TeamsMessage("help"));
        var conversation = await factory.Services.GetRequiredService<IConversationDirectory>().FindAsync($"a:personal-{TestBot.MemberAadId}", CancellationToken.None);

        Assert.True(response.IsSuccessStatusCode, response.ToString());
        Assert.Equal("AzureTables", factory.Services.GetRequiredService<IDocumentStore>().ProviderName);
        Assert.NotNull(conversation);
        Assert.Equal(TestBot.TenantId, conversation.Conversation.TenantId);
    }

    [E2EFact(RequiredTool.Node, RequiredTool.NodeModules)]
    public async Task With_provider_azure_tables_files_and_leases_use_blob_storage()
    {
        using var factory = new BotApplicationFactory(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "AzureTables",
            ["Storage:AzureTables:ConnectionString"] = azurite.ConnectionString,
            ["Storage:AzureBlobs:Container"] = "host-" + Guid.NewGuid().ToString("N"),
        });
        var files = factory.Services.GetRequiredService<IFileStore>();
        var work = factory.Services.GetRequiredService<IExclusiveWork>();

        await files.SaveAsync("probe.txt", "blob"u8.ToArray());
        await using var lease = await work.TryAcquireAsync("probe", TimeSpan.FromSeconds(15));

        Assert.Equal("blob"u8.ToArray(), await files.ReadAsync("probe.txt"));
        Assert.Equal("AzureBlobFileStore", files.GetType().Name);
        Assert.Equal("BlobWorkLeases", work.GetType().Name);
        Assert.NotNull(lease);
    }
}
