using System.Security.Cryptography;
using System.Text;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Storage;
using Microsoft.Extensions.Options;

namespace FutureOfCustoms.Bot.Polls;

/// <summary>
/// Polls in one partition (a group runs a handful, and listing them is the common query); ballots in one
/// partition per poll with one document per voter, so simultaneous votes never write the same document and a
/// member's new vote simply replaces their ballot.
/// </summary>
internal sealed class PollStore(IDocumentStore store, IOptions<PollsOptions> options)
{
    private const string PollCollection = "polls";
    private const string BallotCollection = "poll-ballots";
    private const string SettingsCollection = "poll-settings";
    private const string AllPolls = "all";
    private const string BallotKeyId = "ballot-key";
    private byte[]? _ballotKey;

    public async Task<Poll?> GetAsync(string? pollId, CancellationToken cancellationToken)
        => string.IsNullOrWhiteSpace(pollId) || pollId.Length > 40 ? null : (await store.GetAsync<Poll>(PollCollection, AllPolls, pollId, cancellationToken))?.Value;

    public async Task<IReadOnlyList<Poll>> ListAsync(CancellationToken cancellationToken)
        => [.. (await store.ListAsync<Poll>(PollCollection, AllPolls, cancellationToken)).Select(d => d.Value)];

    public Task InsertAsync(Poll poll, CancellationToken cancellationToken)
        => store.InsertAsync(PollCollection, AllPolls, poll.Id, poll, cancellationToken);

    /// <summary>Applies <paramref name="change"/> to the latest version; null from it leaves the poll as it is. Returns whether it was written.</summary>
    public async Task<Poll?> TryChangeAsync(string pollId, Func<Poll, Poll?> change, CancellationToken cancellationToken)
    {
        Poll? written = null;
        await store.UpdateAsync<Poll>(PollCollection, AllPolls, pollId, current => written = current is null ? null : change(current), cancellationToken);
        return written;
    }

    public async Task<IReadOnlyList<StoredDocument<Ballot>>> BallotsAsync(string pollId, CancellationToken cancellationToken)
        => await store.ListAsync<Ballot>(BallotCollection, pollId, cancellationToken);

    public async Task<Ballot?> BallotAsync(Poll poll, UserRef voter, CancellationToken cancellationToken)
        => (await store.GetAsync<Ballot>(BallotCollection, poll.Id, await VoterKeyAsync(poll, voter, cancellationToken), cancellationToken))?.Value;

    /// <summary>One document per voter: an upsert replaces the member's earlier ballot and never touches anyone else's.</summary>
    public async Task CastAsync(Poll poll, UserRef voter, Ballot ballot, CancellationToken cancellationToken)
        => await store.UpsertAsync(BallotCollection, poll.Id, await VoterKeyAsync(poll, voter, cancellationToken), ballot, cancellationToken);

    /// <summary>
    /// The id of a member's ballot. Named polls use the member's Entra id; anonymous polls an HMAC-SHA256 of it
    /// under the installation's secret key, so the store cannot tell who voted what, yet a member has one ballot.
    /// </summary>
    public async Task<string> VoterKeyAsync(Poll poll, UserRef voter, CancellationToken cancellationToken)
    {
        var identity = string.IsNullOrEmpty(voter.AadObjectId) ? voter.Id : voter.AadObjectId;
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
