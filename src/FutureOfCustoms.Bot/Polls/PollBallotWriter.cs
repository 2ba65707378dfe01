using System.Collections.Concurrent;

namespace FutureOfCustoms.Bot.Polls;

/// <summary>
/// Votes arriving together are written together: the first waiting vote of a poll starts a writer that takes
/// every ballot waiting by then into one batch with the poll's box, so 200 members voting at once make a few
/// transactions instead of 200 queued on the same box. One member voting twice at once: the later ballot wins.
/// </summary>
internal sealed partial class PollBallotWriter(PollStore store, ILogger<PollBallotWriter> logger)
{
    private readonly ConcurrentDictionary<string, Waiting> _polls = new(StringComparer.Ordinal);

    /// <returns>The box with the member's ballot counted, or null when the poll closed first (nothing written).</returns>
    public Task<BallotBox?> CastAsync(string pollId, string voterKey, Ballot ballot, CancellationToken cancellationToken)
    {
        var vote = new Vote(voterKey, ballot);
        var waiting = _polls.GetOrAdd(pollId, _ => new Waiting());
        bool start;
        lock (waiting)
        {
            waiting.Votes.Add(vote);
            start = !waiting.Writing;
            waiting.Writing = true;
        }

        if (start)
        {
            _ = Task.Run(() => WriteAsync(pollId, waiting), CancellationToken.None);
        }

        return vote.Written.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteAsync(string pollId, Waiting waiting)
    {
        while (true)
        {
            List<Vote> batch;
            lock (waiting)
            {
                if (waiting.Votes.Count == 0)
                {
                    waiting.Writing = false;
                    return;
                }

                batch = TakeBatch(waiting.Votes);
            }

            try
            {
                // A batch holds each voter once (a document is written once per transaction): their latest ballot.
                var ballots = batch.GroupBy(v => v.VoterKey, StringComparer.Ordinal).Select(g => (g.Key, g.Last().Ballot)).ToList();
                var box = await store.CastAsync(pollId, ballots, CancellationToken.None);
                batch.ForEach(v => v.Written.TrySetResult(box));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Each waiting vote fails with the store's error; the writer goes on with the next batch.
                LogBatchFailed(logger, ex, pollId, batch.Count);
                batch.ForEach(v => v.Written.TrySetException(ex));
            }
        }
    }

    /// <summary>The oldest waiting votes, up to <see cref="PollStore.MaxBallotsPerBatch"/> distinct voters.</summary>
    private static List<Vote> TakeBatch(List<Vote> votes)
    {
        var voters = new HashSet<string>(StringComparer.Ordinal);
        var taken = votes.TakeWhile(v => voters.Contains(v.VoterKey) || (voters.Count < PollStore.MaxBallotsPerBatch && voters.Add(v.VoterKey))).ToList();
        votes.RemoveRange(0, taken.Count);
        return taken;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Poll {Poll}: a batch of {Votes} votes could not be written")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, string poll, int votes);

    private sealed record Vote(string VoterKey, Ballot Ballot)
    {
        public TaskCompletionSource<BallotBox?> Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Waiting
    {
        public List<Vote> Votes { get; } = [];

        public bool Writing { get; set; }
    }
}
