using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace FutureOfCustoms.Bot.Graph;

/// <summary>
/// Answers from Graph kept for Graph:OwnerCacheDuration on the injected clock: a moderator check per turn must not
/// cost a Graph call, yet an owner added in Teams is recognised within minutes. Concurrent misses share one call;
/// a failed call is not kept.
/// </summary>
internal sealed class GraphCache<T>(IOptions<GraphOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.OrdinalIgnoreCase);

    public async Task<T> GetAsync(string key, Func<CancellationToken, Task<T>> load, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var entry = _entries.AddOrUpdate(
            key,
            _ => new Entry(now + options.Value.OwnerCacheDuration, load(CancellationToken.None)),
            (_, existing) => existing.Until > now && !existing.Value.IsFaulted ? existing : new Entry(now + options.Value.OwnerCacheDuration, load(CancellationToken.None)));
        try
        {
            return await entry.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (entry.Value.IsFaulted)
        {
            _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
            throw;
        }
    }

    private sealed record Entry(DateTimeOffset Until, Task<T> Value);
}
