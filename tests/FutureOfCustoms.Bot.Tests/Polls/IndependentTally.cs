using FutureOfCustoms.Bot.Polls;

namespace FutureOfCustoms.Bot.Tests.Polls;

/// <summary>
/// The expected counts, recounted from the ballots without the bot's running box: every ballot once, each chosen
/// option once per ballot. The tests compare the box against it.
/// </summary>
internal static class IndependentTally
{
    public static PollResults Count(Poll poll, IEnumerable<Ballot> ballots, int members)
    {
        var list = ballots.ToList();
        var counts = poll.Options
            .Select(o => new OptionCount(o.Id, list.Count(b => b.Choices.Contains(o.Id, StringComparer.Ordinal))))
            .ToList();
        return new PollResults(counts, list.Count, members);
    }
}
