using System.Collections.Concurrent;

namespace FutureOfCustoms.Bot.Polls;

/// <summary>"n of N members have voted": <see cref="Voters"/> counts ballots of members only, so it never exceeds <see cref="Members"/> (0: no roster).</summary>
internal sealed record Turnout(int Voters, int Members);

/// <summary>
/// Who of the roster has voted. A ballot from someone the roster does not list is still counted in the results,
/// but not here; before leaving it out, the roster is read again once, since that voter may have joined after
/// the cached read. Members voting together share one reading of the ballots (<see cref="PollStore.RecentlyRead"/>);
/// the votes cast on this instance since are added to it as they are written.
/// </summary>
internal sealed class PollTurnout(PollStore store, PollRoster roster, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<Reading>>> _readings = new(StringComparer.Ordinal);

    // Voter keys found outside a roster read after their ballot was seen: not a reason to read the roster again.
    private readonly ConcurrentDictionary<string, byte> _outsiders = new(StringComparer.Ordinal);

    /// <summary>The turnout now, from a reading at most <see cref="PollStore.RecentlyRead"/> old plus the votes written here since.</summary>
    public async Task<Turnout> CountAsync(Poll poll, CancellationToken cancellationToken)
    {
        var lazy = _readings.GetOrAdd(poll.Id, id => new Lazy<Task<Reading>>(() => ReadAsync(poll, CancellationToken.None)));
        var reading = await lazy.Value.WaitAsync(cancellationToken);
        if (time.GetElapsedTime(reading.ReadAt) >= PollStore.RecentlyRead)
        {
            _readings.TryUpdate(poll.Id, new Lazy<Task<Reading>>(() => ReadAsync(poll, CancellationToken.None)), lazy);
            reading = await _readings[poll.Id].Value.WaitAsync(cancellationToken);
        }

        return reading.Turnout();
    }

    /// <summary>The turnout from the ballots and roster as they are now, for closing and for the moderator's confirmation.</summary>
    public async Task<Turnout> CountFreshAsync(Poll poll, CancellationToken cancellationToken)
    {
        var reading = await ReadAsync(poll, cancellationToken);
        _readings[poll.Id] = new Lazy<Task<Reading>>(Task.FromResult(reading));
        return reading.Turnout();
    }

    /// <summary>A ballot written on this instance: counted at once, without reading the ballots again.</summary>
    public void Voted(string pollId, string voterKey)
    {
        if (_readings.TryGetValue(pollId, out var lazy) && lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully)
        {
            lazy.Value.Result.Voted.TryAdd(voterKey, 0);
        }
    }

    private async Task<Reading> ReadAsync(Poll poll, CancellationToken cancellationToken)
    {
        var readAt = time.GetTimestamp();
        var voted = (await store.BallotsAsync(poll.Id, cancellationToken)).Select(b => b.Id).ToList();
        var memberKeys = await MemberKeysAsync(poll, readAgain: false, cancellationToken);
        var unknown = voted.Where(k => !memberKeys.Contains(k) && !_outsiders.ContainsKey(poll.Id + "\n" + k)).ToList();
        if (unknown.Count > 0)
        {
            memberKeys = await MemberKeysAsync(poll, readAgain: true, cancellationToken);
            foreach (var key in unknown.Where(k => !memberKeys.Contains(k)))
            {
                _outsiders.TryAdd(poll.Id + "\n" + key, 0);
            }
        }

        return new Reading(readAt, memberKeys, new ConcurrentDictionary<string, byte>(voted.Select(k => KeyValuePair.Create(k, (byte)0)), StringComparer.Ordinal));
    }

    private async Task<HashSet<string>> MemberKeysAsync(Poll poll, bool readAgain, CancellationToken cancellationToken)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in await roster.MembersAsync(poll.ConversationId, cancellationToken, readAgain))
        {
            keys.Add(await store.VoterKeyAsync(poll, member, cancellationToken));
        }

        return keys;
    }

    private sealed record Reading(long ReadAt, HashSet<string> MemberKeys, ConcurrentDictionary<string, byte> Voted)
    {
        public Turnout Turnout() => new(Voted.Keys.Count(MemberKeys.Contains), MemberKeys.Count);
    }
}
