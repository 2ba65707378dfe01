using FutureOfCustoms.Bot.Storage;

namespace FutureOfCustoms.Bot.Polls;

/// <summary>
/// A poll's running counts and whether it still takes ballots, stored beside the ballots and written in the same
/// batch as each of them (see <see cref="PollStore.CastAsync"/>).
/// </summary>
internal sealed record BallotBox(bool Open, int Ballots, IReadOnlyDictionary<string, int> Counts)
{
    public static BallotBox Empty { get; } = new(true, 0, new Dictionary<string, int>(StringComparer.Ordinal));

    public static BallotBox Count(IEnumerable<StoredDocument<Ballot>> ballots)
        => ballots.Aggregate(Empty, (box, ballot) => box.Replacing(null, ballot.Value));

    /// <summary>The box with <paramref name="previous"/> (the voter's earlier ballot, if any) taken out and <paramref name="ballot"/> put in.</summary>
    public BallotBox Replacing(Ballot? previous, Ballot ballot)
    {
        var counts = new Dictionary<string, int>(Counts, StringComparer.Ordinal);
        foreach (var choice in previous?.Choices ?? [])
        {
            counts[choice] = counts.GetValueOrDefault(choice) - 1;
        }

        foreach (var choice in ballot.Choices)
        {
            counts[choice] = counts.GetValueOrDefault(choice) + 1;
        }

        return this with { Ballots = Ballots + (previous is null ? 1 : 0), Counts = counts };
    }

    public PollResults Results(Poll poll, int members)
        => new([.. poll.Options.Select(o => new OptionCount(o.Id, Counts.GetValueOrDefault(o.Id)))], Ballots, members);

    public PollResults Results(Poll poll, Turnout turnout)
        => Results(poll, turnout.Members) with { MemberBallots = turnout.Voters };
}
