using System.Collections.Concurrent;
using FutureOfCustoms.Bot.Storage;
using FutureOfCustoms.Bot.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FutureOfCustoms.Bot.Tests.Support;

/// <summary>
/// Records every listing the bot makes, as "collection/partition" (a whole partition), "collection/partition/prefix"
/// or "collection" (every partition), to show what a feature reads: pass <see cref="Install"/> to a TestBot.
/// </summary>
internal sealed class ListingRecorder
{
    private readonly ConcurrentQueue<string> _listings = new();

    public IReadOnlyCollection<string> Listings => _listings;

    public void Install(IServiceCollection services)
        => services.Replace(ServiceDescriptor.Singleton<IDocumentStore>(sp => new RecordingStore(ActivatorUtilities.CreateInstance<SqliteDocumentStore>(sp), _listings)));

    public void Clear() => _listings.Clear();

    private sealed class RecordingStore(IDocumentStore inner, ConcurrentQueue<string> listings) : IDocumentStore
    {
        public string ProviderName => inner.ProviderName;

        public Task<StoredDocument<T>?> GetAsync<T>(string collection, string partition, string id, CancellationToken cancellationToken = default)
            => inner.GetAsync<T>(collection, partition, id, cancellationToken);

        public Task<IReadOnlyList<StoredDocument<T>>> ListAsync<T>(string collection, string partition, CancellationToken cancellationToken = default)
        {
            listings.Enqueue($"{collection}/{partition}");
            return inner.ListAsync<T>(collection, partition, cancellationToken);
        }

        public Task<IReadOnlyList<StoredDocument<T>>> ListByPrefixAsync<T>(string collection, string partition, string idPrefix, CancellationToken cancellationToken = default)
        {
            listings.Enqueue($"{collection}/{partition}/{idPrefix}");
            return inner.ListByPrefixAsync<T>(collection, partition, idPrefix, cancellationToken);
        }

        public Task<IReadOnlyList<StoredDocument<T>>> ListAllAsync<T>(string collection, CancellationToken cancellationToken = default)
        {
            listings.Enqueue(collection);
            return inner.ListAllAsync<T>(collection, cancellationToken);
        }

        public Task<IReadOnlyList<string?>> ExecuteAsync(string collection, string partition, IReadOnlyList<StoreOperation> operations, CancellationToken cancellationToken = default)
            => inner.ExecuteAsync(collection, partition, operations, cancellationToken);
    }
}
