using FutureOfCustoms.Bot.Storage;
using FutureOfCustoms.Bot.Storage.Sqlite;
using FutureOfCustoms.Bot.Teams;
using FutureOfCustoms.Bot.Tests.Support;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;

namespace FutureOfCustoms.Bot.Tests.Teams;

public sealed class ConversationReferenceStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("foc-references-").FullName;

    [Fact]
    public async Task Members_speaking_at_once_in_a_channel_through_two_instances_write_its_reference_once()
    {
        var store = new CountingStore(new SqliteDocumentStore(Path.Combine(_directory, "store.db")));
        ConversationReferenceStore[] instances = [new(store, TimeProvider.System), new(store, TimeProvider.System)];
        await instances[0].RememberAsync(ChannelMessage("00000000-0000-0000-0000-000000000001"), installed: true, CancellationToken.None);
        store.Writes = 0;

        await Task.WhenAll(Enumerable.Range(2, 100).Select(i => Task.Run(() =>
            instances[i % 2].RememberAsync(ChannelMessage($"00000000-0000-0000-0000-{i:D12}"), installed: false, CancellationToken.None))));

        Assert.Equal(0, store.Writes);
        Assert.True((await instances[1].FindAsync(TestBot.ChannelConversationId, CancellationToken.None))!.Installed);
    }

    [Fact]
    public async Task A_new_service_url_is_written_even_when_the_conversation_is_known()
    {
        var store = new CountingStore(new SqliteDocumentStore(Path.Combine(_directory, "store.db")));
        var references = new ConversationReferenceStore(store, TimeProvider.System);
        await references.RememberAsync(ChannelMessage(TestBot.MemberAadId), installed: true, CancellationToken.None);

        var moved = ChannelMessage(TestBot.OtherMemberAadId);
        moved.ServiceUrl = "https://smba.trafficmanager.net/amer/";
        await references.RememberAsync(moved, installed: false, CancellationToken.None);

        Assert.Equal("https://smba.trafficmanager.net/amer/", (await references.FindReferenceAsync(TestBot.ChannelConversationId, CancellationToken.None))!.ServiceUrl);
    }

    [Fact]
    public async Task An_event_without_team_data_keeps_the_channel_known_as_the_teams()
    {
        var references = new ConversationReferenceStore(new SqliteDocumentStore(Path.Combine(_directory, "store.db")), TimeProvider.System);
        await references.RememberAsync(ChannelMessage(TestBot.MemberAadId), installed: true, CancellationToken.None);

        var bare = ChannelMessage(TestBot.MemberAadId);
        bare.ChannelData = null;
        bare.Conversation.ConversationType = null;
        await references.RememberAsync(bare, installed: false, CancellationToken.None);

        var known = (await references.FindAsync(TestBot.ChannelConversationId, CancellationToken.None))!;
        Assert.Equal(TestBot.TeamId, known.Conversation.TeamId);
        Assert.Equal(FutureOfCustoms.Bot.Commands.ConversationKind.Channel, known.Conversation.Kind);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static Activity ChannelMessage(string aadObjectId) => new()
    {
        Type = ActivityTypes.Message,
        ChannelId = "msteams",
        ServiceUrl = "https://smba.trafficmanager.net/emea/",
        From = new ChannelAccount($"29:{aadObjectId}", "Delegate", aadObjectId: aadObjectId),
        Recipient = new ChannelAccount(TestBot.BotId, "Future of Customs"),
        Conversation = new ConversationAccount(isGroup: true, conversationType: "channel", id: TestBot.ChannelConversationId, tenantId: TestBot.TenantId),
        ChannelData = new TeamsChannelData
        {
            Team = new TeamInfo(TestBot.TeamId),
            Channel = new ChannelInfo(TestBot.ChannelConversationId),
            Tenant = new TenantInfo(TestBot.TenantId),
        },
    };

    /// <summary>Counts writes, to show which turns stay off the store.</summary>
    private sealed class CountingStore(IDocumentStore inner) : IDocumentStore
    {
        private int _writes;

        public int Writes
        {
            get => Volatile.Read(ref _writes);
            set => Volatile.Write(ref _writes, value);
        }

        public string ProviderName => inner.ProviderName;

        public Task<StoredDocument<T>?> GetAsync<T>(string collection, string partition, string id, CancellationToken cancellationToken = default)
            => inner.GetAsync<T>(collection, partition, id, cancellationToken);

        public Task<IReadOnlyList<StoredDocument<T>>> ListAsync<T>(string collection, string partition, CancellationToken cancellationToken = default)
            => inner.ListAsync<T>(collection, partition, cancellationToken);

        public Task<IReadOnlyList<StoredDocument<T>>> ListAllAsync<T>(string collection, CancellationToken cancellationToken = default)
            => inner.ListAllAsync<T>(collection, cancellationToken);

        public Task<IReadOnlyList<string?>> ExecuteAsync(string collection, string partition, IReadOnlyList<StoreOperation> operations, CancellationToken cancellationToken = default)
        {
            if (collection == "conversations")
            {
                Interlocked.Increment(ref _writes);
            }

            return inner.ExecuteAsync(collection, partition, operations, cancellationToken);
        }
    }
}
