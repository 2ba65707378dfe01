using System.Collections.Concurrent;
using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace FutureOfCustoms.Bot.Storage.AzureTables;

/// <summary>
/// The distributed store on Azure.Data.Tables (Azure Table Storage or Cosmos DB for Table): one table
/// per collection, partition and id as PartitionKey and RowKey, the JSON in string properties, the
/// service's ETags for optimistic concurrency and entity group transactions for batches. Conflicts
/// (409, 412, a missing entity for a conditional write) surface as <see cref="StoreConflictException"/>
/// for the caller's read-modify-write loop; transient failures are retried by the SDK's policy.
/// </summary>
internal sealed class AzureTablesDocumentStore(TableServiceClient service, string tablePrefix) : IDocumentStore
{
    /// <summary>A string property holds 64 KiB of UTF-16; a little less leaves room for the surrogate rule below.</summary>
    internal const int ChunkLength = 32_000;

    /// <summary>15 chunks stay under the 1 MiB entity limit with keys and system properties included.</summary>
    internal const int MaxChunks = 15;

    /// <summary>An entity group transaction holds at most 100 operations.</summary>
    internal const int MaxBatchSize = 100;

    private const string JsonProperty = "Json";
    private const string ChunkCountProperty = "JsonChunks";

    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> _tables = new(StringComparer.Ordinal);

    public string ProviderName => "AzureTables";

    public async Task<StoredDocument<T>?> GetAsync<T>(string collection, string partition, string id, CancellationToken cancellationToken = default)
    {
        var table = await TableAsync(collection, cancellationToken);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Encode(partition), TableKeys.Encode(id), cancellationToken: cancellationToken);
        return response.HasValue ? Read<T>(response.Value!) : null;
    }

    public Task<IReadOnlyList<StoredDocument<T>>> ListAsync<T>(string collection, string partition, CancellationToken cancellationToken = default)
        => QueryAsync<T>(collection, TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Encode(partition)}"), cancellationToken);

    public Task<IReadOnlyList<StoredDocument<T>>> ListByPrefixAsync<T>(string collection, string partition, string idPrefix, CancellationToken cancellationToken = default)
    {
        // Encoding a key encodes each byte on its own, so the ids with a prefix are exactly the row keys with the
        // encoded prefix: a row key range within the partition.
        var from = TableKeys.Encode(idPrefix);
        var filter = KeyPrefix.End(from) is { } to
            ? TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Encode(partition)} and RowKey ge {from} and RowKey lt {to}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Encode(partition)} and RowKey ge {from}");
        return QueryAsync<T>(collection, filter, cancellationToken);
    }

    public Task<IReadOnlyList<StoredDocument<T>>> ListAllAsync<T>(string collection, CancellationToken cancellationToken = default)
        => QueryAsync<T>(collection, null, cancellationToken);

    public async Task<IReadOnlyList<string?>> ExecuteAsync(string collection, string partition, IReadOnlyList<StoreOperation> operations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operations);
        if (operations.Count > MaxBatchSize)
        {
            throw new ArgumentException($"A batch holds at most {MaxBatchSize} operations (an Azure Tables transaction); this one has {operations.Count}.", nameof(operations));
        }

        if (operations.Select(o => o.Id).Distinct(StringComparer.Ordinal).Count() != operations.Count)
        {
            throw new ArgumentException("A batch may touch each document once (an Azure Tables transaction refuses repeats).", nameof(operations));
        }

        var table = await TableAsync(collection, cancellationToken);
        var partitionKey = TableKeys.Encode(partition);
        var actions = operations.Select(o => ToAction(collection, partitionKey, o)).ToList();
        try
        {
            return operations.Count == 1
                ? [await ExecuteOneAsync(table, actions[0], cancellationToken)]
                : await ExecuteBatchAsync(table, actions, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 409 or 412)
        {
            throw new StoreConflictException($"A write to {collection}/{partition} conflicted with the stored version ({e.Status} {e.ErrorCode}).", e);
        }
    }

    private static async Task<string?> ExecuteOneAsync(TableClient table, TableTransactionAction action, CancellationToken cancellationToken)
    {
        var entity = (TableEntity)action.Entity;
        switch (action.ActionType)
        {
            case TableTransactionActionType.Add:
                return (await table.AddEntityAsync(entity, cancellationToken)).Headers.ETag?.ToString();
            case TableTransactionActionType.UpsertReplace:
                return (await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken)).Headers.ETag?.ToString();
            case TableTransactionActionType.UpdateReplace:
                return (await table.UpdateEntityAsync(entity, action.ETag, TableUpdateMode.Replace, cancellationToken)).Headers.ETag?.ToString();
            default:
                try
                {
                    await table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, action.ETag, cancellationToken);
                }
                catch (RequestFailedException e) when (e.Status == 404 && action.ETag == ETag.All)
                {
                    // Deleting what is not there is done; only a conditional delete of a vanished version conflicts.
                }

                return null;
        }
    }

    private static async Task<IReadOnlyList<string?>> ExecuteBatchAsync(TableClient table, List<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        var pending = actions;
        while (true)
        {
            try
            {
                var responses = (await table.SubmitTransactionAsync(pending, cancellationToken)).Value;
                var etags = new Dictionary<TableTransactionAction, string?>();
                for (var i = 0; i < pending.Count; i++)
                {
                    etags[pending[i]] = pending[i].ActionType == TableTransactionActionType.Delete ? null : responses[i].Headers.ETag?.ToString();
                }

                return [.. actions.Select(a => etags.GetValueOrDefault(a))];
            }
            catch (TableTransactionFailedException e) when (e.Status == 404
                && e.FailedTransactionActionIndex is { } failed
                && pending[failed] is { ActionType: TableTransactionActionType.Delete } delete
                && delete.ETag == ETag.All)
            {
                // The transaction wrote nothing; the same batch without the no-op delete is what the caller meant.
                pending = [.. pending.Where(a => !ReferenceEquals(a, delete))];
                if (pending.Count == 0)
                {
                    return [.. actions.Select(_ => (string?)null)];
                }
            }
        }
    }

    private static TableTransactionAction ToAction(string collection, string partitionKey, StoreOperation operation)
    {
        var entity = new TableEntity(partitionKey, TableKeys.Encode(operation.Id));
        var ifMatch = operation.IfMatch is null ? ETag.All : new ETag(operation.IfMatch);
        if (operation.Kind == StoreOperationKind.Delete)
        {
            return new TableTransactionAction(TableTransactionActionType.Delete, entity, ifMatch);
        }

        WriteJson(entity, StoreJson.Serialize(operation.Value ?? throw new ArgumentException($"Operation {operation.Kind} on '{operation.Id}' has no value.", nameof(operation))), collection, operation.Id);
        return operation.Kind switch
        {
            StoreOperationKind.Insert => new TableTransactionAction(TableTransactionActionType.Add, entity),
            StoreOperationKind.Upsert when operation.IfMatch is null => new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity),
            StoreOperationKind.Upsert or StoreOperationKind.Replace => new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, ifMatch),
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation.Kind, "Unknown store operation."),
        };
    }

    /// <summary>Splits the JSON over as many string properties as it needs, never between the two halves of a surrogate pair.</summary>
    private static void WriteJson(TableEntity entity, string json, string collection, string id)
    {
        var chunks = new List<string>();
        for (var start = 0; start < json.Length;)
        {
            var length = Math.Min(ChunkLength, json.Length - start);
            if (start + length < json.Length && char.IsHighSurrogate(json[start + length - 1]))
            {
                length--;
            }

            chunks.Add(json.Substring(start, length));
            start += length;
        }

        if (chunks.Count > MaxChunks)
        {
            throw new ArgumentException($"The document {collection}/{id} is {json.Length:N0} characters of JSON; an Azure Tables entity holds at most about {MaxChunks * ChunkLength:N0}. Split it into several documents.", nameof(json));
        }

        entity[JsonProperty] = chunks.Count == 0 ? string.Empty : chunks[0];
        for (var i = 1; i < chunks.Count; i++)
        {
            entity[JsonProperty + i.ToString(CultureInfo.InvariantCulture)] = chunks[i];
        }

        if (chunks.Count > 1)
        {
            entity[ChunkCountProperty] = chunks.Count;
        }
    }

    private static string ReadJson(TableEntity entity)
    {
        var count = entity.GetInt32(ChunkCountProperty) ?? 1;
        if (count == 1)
        {
            return entity.GetString(JsonProperty);
        }

        return string.Concat(Enumerable.Range(0, count).Select(i => entity.GetString(i == 0 ? JsonProperty : JsonProperty + i.ToString(CultureInfo.InvariantCulture))));
    }

    private static StoredDocument<T> Read<T>(TableEntity entity) => new(
        TableKeys.Decode(entity.PartitionKey),
        TableKeys.Decode(entity.RowKey),
        StoreJson.Deserialize<T>(ReadJson(entity)),
        entity.ETag.ToString(),
        entity.Timestamp ?? DateTimeOffset.MinValue);

    private async Task<IReadOnlyList<StoredDocument<T>>> QueryAsync<T>(string collection, string? filter, CancellationToken cancellationToken)
    {
        var table = await TableAsync(collection, cancellationToken);
        var documents = new List<StoredDocument<T>>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            documents.Add(Read<T>(entity));
        }

        // The service orders by the encoded keys; callers expect the ordinal order of the real ones, as SQLite gives.
        return [.. documents.OrderBy(d => d.Partition, StringComparer.Ordinal).ThenBy(d => d.Id, StringComparer.Ordinal)];
    }

    /// <summary>Created on first use and remembered; a failed creation is forgotten so the next call tries again.</summary>
    private async Task<TableClient> TableAsync(string collection, CancellationToken cancellationToken)
    {
        var lazy = _tables.GetOrAdd(collection, c => new Lazy<Task<TableClient>>(() => CreateTableAsync(c)));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken);
        }
        catch (RequestFailedException)
        {
            _tables.TryRemove(new KeyValuePair<string, Lazy<Task<TableClient>>>(collection, lazy));
            throw;
        }
    }

    private async Task<TableClient> CreateTableAsync(string collection)
    {
        var table = service.GetTableClient(TableKeys.TableName(tablePrefix, collection));
        await table.CreateIfNotExistsAsync(CancellationToken.None);
        return table;
    }
}
