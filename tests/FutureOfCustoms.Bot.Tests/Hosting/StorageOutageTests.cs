using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Storage;
using FutureOfCustoms.Bot.Storage.Sqlite;
using FutureOfCustoms.Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FutureOfCustoms.Bot.Tests.Hosting;

/// <summary>The store going away and coming back, through the real host: clear answers meanwhile, normal service after.</summary>
public sealed class StorageOutageTests
{
    [Fact]
    public async Task During_a_storage_outage_turns_get_a_try_again_reply_readiness_fails_and_liveness_holds_and_afterwards_all_works_again()
    {
        var store = default(UnreachableStore);
        using var factory = new BotApplicationFactory().WithServices(services =>
            services.AddSingleton<IDocumentStore>(_ => store = new UnreachableStore(new SqliteDocumentStore(Path.Combine(Path.GetTempPath(), $"foc-outage-{Guid.NewGuid():N}.db")))));
        using var client = factory.CreateClient();
        await factory.PostActivityAsync(BotApplicationFactory.TeamsMessage("help"));

        store!.Down = true;
        var (during, duringReplies) = await factory.PostActivityAsync(BotApplicationFactory.TeamsMessage("suggestions", TestBot.OtherMemberAadId));
        var readyDuring = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
        var liveDuring = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        store.Down = false;
        var (_, afterReplies) = await factory.PostActivityAsync(BotApplicationFactory.TeamsMessage("suggestions", TestBot.OtherMemberAadId));
        var readyAfter = await client.GetFromJsonAsync<JsonObject>(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, during.StatusCode);
        Assert.Contains("Please try again in a moment", duringReplies.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyDuring.StatusCode);
        Assert.Equal(HttpStatusCode.OK, liveDuring.StatusCode);
        Assert.DoesNotContain("try again", afterReplies.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("Healthy", readyAfter!["checks"]!["store"]!["status"]!.GetValue<string>());
    }

    /// <summary>The real store, until <see cref="Down"/>: then every call fails as an unreachable Azure endpoint does.</summary>
    private sealed class UnreachableStore(IDocumentStore inner) : IDocumentStore
    {
        public bool Down { get; set; }

        public string ProviderName => inner.ProviderName;

        public Task<StoredDocument<T>?> GetAsync<T>(string collection, string partition, string id, CancellationToken cancellationToken = default)
        {
            ThrowIfDown();
            return inner.GetAsync<T>(collection, partition, id, cancellationToken);
        }

        public Task<IReadOnlyList<StoredDocument<T>>> ListAsync<T>(string collection, string partition, CancellationToken cancellationToken = default)
        {
            ThrowIfDown();
            return inner.ListAsync<T>(collection, partition, cancellationToken);
        }

        public Task<IReadOnlyList<StoredDocument<T>>> ListByPrefixAsync<T>(string collection, string partition, string idPrefix, CancellationToken cancellationToken = default)
        {
            ThrowIfDown();
            return inner.ListByPrefixAsync<T>(collection, partition, idPrefix, cancellationToken);
        }

        public Task<IReadOnlyList<StoredDocument<T>>> ListAllAsync<T>(string collection, CancellationToken cancellationToken = default)
        {
            ThrowIfDown();
            return inner.ListAllAsync<T>(collection, cancellationToken);
        }

        public Task<IReadOnlyList<string?>> ExecuteAsync(string collection, string partition, IReadOnlyList<StoreOperation> operations, CancellationToken cancellationToken = default)
        {
            ThrowIfDown();
            return inner.ExecuteAsync(collection, partition, operations, cancellationToken);
        }

        private void ThrowIfDown()
        {
            if (Down)
            {
                throw new HttpRequestException("No connection could be made: the storage endpoint is down.");
            }
        }
    }
}
