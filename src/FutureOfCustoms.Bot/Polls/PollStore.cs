using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Storage;
using Microsoft.Extensions.Options;

namespace FutureOfCustoms.Bot.Polls;

/// <summary>
/// Polls in one partition (a group runs a handful, and listing them is the common query); ballots in one
/// partition per poll with one document per voter, so a member's new vote simply replaces their ballot. Beside
/// the ballots, in the same partition, the poll's <see cref="BallotBox"/>: every batch of ballots is written
/// together with the box over the version it read, so the counts never miss a ballot and a closed box
/// takes none.
/// </summary>
internal sealed class PollStore(IDocumentStore store, TimeProvider time, IOptions<PollsOptions> options)
{
    private const string PollCollection = "polls";
    private const string BallotCollection = "poll-ballots";
    private const string SettingsCollection = "poll-settings";
    private const string AllPolls = "all";
    private const string BallotKeyId = "ballot-key";

    // Ballot ids are Entra object ids, Teams ids or hex hashes: never this.
    private const string BoxId = "~box";
    private const int MaxConflictRetries = 20;

    // The last box this instance wrote, per poll: a vote then needs no read of it. Another instance's write
    // changes its ETag, the conditional write fails, and the box is read again.
    private readonly ConcurrentDictionary<string, StoredDocument<BallotBox>> _boxes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (Poll Poll, long ReadAt)> _openPolls = new(StringComparer.Ordinal);
    private byte[]? _ballotKey;

    /// <summary>How long a vote may use a poll read by an earlier vote instead of reading it again.</summary>
    internal static readonly TimeSpan RecentlyRead = TimeSpan.FromSeconds(2);

    /// <summary>The most ballots one batch writes with the box: Azure Table transactions take 100 operations.</summary>
    public const int MaxBallotsPerBatch = 99;

    public async Task<Poll?> GetAsync(string? pollId, CancellationToken cancellationToken)
        => string.IsNullOrWhiteSpace(pollId) || pollId.Length > 40 ? null : (await store.GetAsync<Poll>(PollCollection, AllPolls, pollId, cancellationToken))?.Value;

    /// <summary>
    /// The poll for a vote: members voting together read it once. What a vote takes from it does not change once
    /// the poll is open (options, rules, conversation), and whether it still takes ballots is decided by the box in
    /// the ballot's own batch, so a poll closed a moment ago (here or on another instance) still refuses the vote.
    /// </summary>
    public async Task<Poll?> GetForVoteAsync(string? pollId, CancellationToken cancellationToken)
    {
        if (pollId is not null && _openPolls.TryGetValue(pollId, out var recent) && time.GetElapsedTime(recent.ReadAt) < RecentlyRead)
        {
            return recent.Poll;
        }

        var poll = await GetAsync(pollId, cancellationToken);
        if (poll is { Status: PollStatus.Open })
        {
            _openPolls[poll.Id] = (poll, time.GetTimestamp());
        }

        return poll;
    }

    public async Task<IReadOnlyList<Poll>> ListAsync(CancellationToken cancellationToken)
        => [.. (await store.ListAsync<Poll>(PollCollection, AllPolls, cancellationToken)).Select(d => d.Value)];

    public Task InsertAsync(Poll poll, CancellationToken cancellationToken)
        => store.InsertAsync(PollCollection, AllPolls, poll.Id, poll, cancellationToken);

    /// <summary>Applies <paramref name="change"/> to the latest version; null from it leaves the poll as it is. Returns whether it was written.</summary>
    public async Task<Poll?> TryChangeAsync(string pollId, Func<Poll, Poll?> change, CancellationToken cancellationToken)
    {
        Poll? written = null;
        await store.UpdateAsync<Poll>(PollCollection, AllPolls, pollId, current => written = current is null ? null : change(current), cancellationToken);
        _openPolls.TryRemove(pollId, out _);
        return written;
    }

    public async Task<IReadOnlyList<StoredDocument<Ballot>>> BallotsAsync(string pollId, CancellationToken cancellationToken)
        => [.. (await store.ListAsync<JsonElement>(BallotCollection, pollId, cancellationToken))
            .Where(d => d.Id != BoxId)
            .Select(d => new StoredDocument<Ballot>(d.Partition, d.Id, d.Value.Deserialize<Ballot>(StoreJson.Options)!, d.ETag, d.UpdatedAt))];

    public async Task<Ballot?> BallotAsync(Poll poll, UserRef voter, CancellationToken cancellationToken)
        => (await store.GetAsync<Ballot>(BallotCollection, poll.Id, await VoterKeyAsync(poll, voter, cancellationToken), cancellationToken))?.Value;

    /// <summary>
    /// Writes ballots (distinct voter keys) and the counts they lead to in one atomic batch over the box's
    /// version; when someone else changed the box first, everything is read again and retried.
    /// </summary>
    /// <returns>The box after the batch, or null when it is closed: then nothing was written.</returns>
    public async Task<BallotBox?> CastAsync(string pollId, IReadOnlyList<(string VoterKey, Ballot Ballot)> ballots, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var box = _boxes.TryGetValue(pollId, out var cached) ? cached : await store.GetAsync<BallotBox>(BallotCollection, pollId, BoxId, cancellationToken);
            var current = await CountsAsync(pollId, box, cancellationToken);
            if (!current.Open)
            {
                return null;
            }

            var previous = await Task.WhenAll(ballots.Select(b => store.GetAsync<Ballot>(BallotCollection, pollId, b.VoterKey, cancellationToken)));
            var next = current;
            for (var i = 0; i < ballots.Count; i++)
            {
                next = next.Replacing(previous[i]?.Value, ballots[i].Ballot);
            }

            var operations = ballots.Select(b => StoreOperation.Upsert(b.VoterKey, b.Ballot))
                .Append(box is null ? StoreOperation.Insert(BoxId, next) : StoreOperation.Replace(BoxId, next, box.ETag))
                .ToList();
            try
            {
                var etags = await store.ExecuteAsync(BallotCollection, pollId, operations, cancellationToken);
                _boxes[pollId] = new StoredDocument<BallotBox>(pollId, BoxId, next, etags[^1]!, DateTimeOffset.UtcNow);
                return next;
            }
            catch (StoreConflictException) when (attempt < MaxConflictRetries)
            {
                _boxes.TryRemove(pollId, out _);
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 5 + (attempt * 5))), cancellationToken);
            }
        }
    }

    /// <summary>The current counts of an open poll: one read of its box (counted from the ballots for a poll without one yet).</summary>
    public async Task<BallotBox> BoxAsync(Poll poll, CancellationToken cancellationToken)
        => await CountsAsync(poll.Id, await store.GetAsync<BallotBox>(BallotCollection, poll.Id, BoxId, cancellationToken), cancellationToken);

    /// <summary>Closes the box: once this returns, no ballot can be written any more, as every batch asserts the version it read.</summary>
    public async Task CloseBoxAsync(string pollId, CancellationToken cancellationToken)
    {
        await store.UpdateAsync<BallotBox>(BallotCollection, pollId, BoxId, box => box is null ? BallotBox.Empty with { Open = false } : box.Open ? box with { Open = false } : null, cancellationToken);
        _boxes.TryRemove(pollId, out _);
    }

    /// <summary>The stored box, or for a poll without one yet (none written so far) the box its ballots make.</summary>
    private async Task<BallotBox> CountsAsync(string pollId, StoredDocument<BallotBox>? box, CancellationToken cancellationToken)
        => box?.Value ?? BallotBox.Count(await BallotsAsync(pollId, cancellationToken));

    /// <summary>
    /// The id of a member's ballot. Named polls use the member's Entra id; anonymous polls an HMAC-SHA256 of it
    /// under the installation's secret key, so the store cannot tell who voted what, yet a member has one ballot.
    /// </summary>
    public async Task<string> VoterKeyAsync(Poll poll, UserRef voter, CancellationToken cancellationToken)
    {
        var identity = voter.Key;
        if (!poll.Anonymous)
        {
            return identity;
        }

        var key = await BallotKeyAsync(cancellationToken);
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(poll.Id + "\n" + identity)));
    }

    private async Task<byte[]> BallotKeyAsync(CancellationToken cancellationToken)
    {
        if (_ballotKey is { } known)
        {
            return known;
        }

        if (options.Value.BallotKey is { Length: > 0 } configured)
        {
            return _ballotKey = Encoding.UTF8.GetBytes(configured);
        }

        // Generated once per installation: concurrent first uses race on an insert, and every one reads the winner's key.
        var stored = await store.UpdateAsync<StoredKey>(SettingsCollection, SettingsCollection, BallotKeyId, existing => existing is null ? new StoredKey(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))) : null, cancellationToken);
        return _ballotKey = Convert.FromBase64String(stored!.Key);
    }

    private sealed record StoredKey(string Key);
}
