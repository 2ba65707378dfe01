using System.Collections.Concurrent;
using System.Threading.Channels;
using FutureOfCustoms.Bot.Polls;
using Microsoft.Extensions.Options;

namespace FutureOfCustoms.Bot.Board;

/// <summary>A poll's counts as a live viewer gets them; <see cref="Version"/> grows with every change seen.</summary>
internal sealed record LiveCounts(long Version, bool Open, int Ballots, IReadOnlyDictionary<string, int> Counts);

/// <summary>
/// Watches the polls board viewers have open: one reader per poll, however many viewers, reads the poll's ballot box
/// every <see cref="BoardOptions.LiveInterval"/> and hands a change to every viewer's stream. Reading the stored box
/// rather than listening to this instance's votes is what makes votes taken by another instance show too; the box
/// is one small document beside the ballots, so a watched poll costs a few reads a second, and nothing once its
/// last viewer leaves. Why not a timer per viewer (short polling): 200 viewers would make 200 reads and 200
/// authenticated requests per interval instead of one read (see docs/benchmarks.md, board).
/// </summary>
internal sealed partial class LivePolls(PollStore store, TimeProvider time, IOptions<BoardOptions> options, ILogger<LivePolls> logger) : IDisposable
{
    private readonly ConcurrentDictionary<string, Watch> _watches = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>The latest counts as they change, starting with the current ones; ends when the poll's box closes.</summary>
    public async IAsyncEnumerable<LiveCounts> FollowAsync(Poll poll, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Only the latest counts matter to a viewer: a slow one skips versions instead of queueing them.
        var viewer = Channel.CreateBounded<LiveCounts>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        var watch = Join(poll, viewer);
        try
        {
            if (watch.Latest is { } known)
            {
                viewer.Writer.TryWrite(known);
            }

            await foreach (var counts in viewer.Reader.ReadAllAsync(cancellationToken))
            {
                yield return counts;
                if (!counts.Open)
                {
                    yield break;
                }
            }
        }
        finally
        {
            Leave(poll.Id, watch, viewer);
        }
    }

    /// <summary>How many polls are watched and by how many viewers (health and benchmarks).</summary>
    public (int Polls, int Viewers) Load => (_watches.Count, _watches.Values.Sum(w => w.Viewers.Count));

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private Watch Join(Poll poll, Channel<LiveCounts> viewer)
    {
        while (true)
        {
            var watch = _watches.GetOrAdd(poll.Id, _ => new Watch());
            lock (watch)
            {
                // A watch whose last viewer just left is being removed: join a fresh one.
                if (watch.Ended)
                {
                    continue;
                }

                watch.Viewers.Add(viewer);
                if (!watch.Started)
                {
                    watch.Started = true;
                    _ = Task.Run(() => ReadAsync(poll, watch), CancellationToken.None);
                }

                return watch;
            }
        }
    }

    private void Leave(string pollId, Watch watch, Channel<LiveCounts> viewer)
    {
        lock (watch)
        {
            watch.Viewers.Remove(viewer);
            if (watch.Viewers.Count == 0)
            {
                watch.Ended = true;
                _watches.TryRemove(new KeyValuePair<string, Watch>(pollId, watch));
            }
        }
    }

    private async Task ReadAsync(Poll poll, Watch watch)
    {
        using var timer = new PeriodicTimer(options.Value.LiveInterval, time);
        BallotBox? last = null;
        long version = 0;
        try
        {
            do
            {
                lock (watch)
                {
                    if (watch.Ended)
                    {
                        return;
                    }
                }

                BallotBox box;
                try
                {
                    box = await store.BoxAsync(poll, _stopping.Token);
                }
                catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
                {
                    // The next tick reads again; the viewers keep the counts they have.
                    LogReadFailed(logger, ex, poll.Id);
                    continue;
                }

                if (last is not null && box.Open == last.Open && box.Ballots == last.Ballots && SameCounts(box.Counts, last.Counts))
                {
                    continue;
                }

                last = box;
                var counts = new LiveCounts(++version, box.Open, box.Ballots, box.Counts);
                Channel<LiveCounts>[] viewers;
                lock (watch)
                {
                    watch.Latest = counts;
                    viewers = [.. watch.Viewers];
                }

                foreach (var viewer in viewers)
                {
                    viewer.Writer.TryWrite(counts);
                }
            }
            while (last?.Open != false && await timer.WaitForNextTickAsync(_stopping.Token));
        }
        catch (OperationCanceledException)
        {
            // Stopping: the viewers' streams end with the requests.
        }
    }

    private static bool SameCounts(IReadOnlyDictionary<string, int> a, IReadOnlyDictionary<string, int> b)
        => a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var n) && n == p.Value);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Board: the counts of poll {Poll} could not be read")]
    private static partial void LogReadFailed(ILogger logger, Exception exception, string poll);

    private sealed class Watch
    {
        public HashSet<Channel<LiveCounts>> Viewers { get; } = [];

        public bool Started { get; set; }

        public bool Ended { get; set; }

        public LiveCounts? Latest { get; set; }
    }
}
