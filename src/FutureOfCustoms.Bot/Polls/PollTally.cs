using System.Globalization;
using FutureOfCustoms.Bot.Localization;

namespace FutureOfCustoms.Bot.Polls;

/// <summary>Reading results: ranking, leaders, participation and vote lines (the counting is <see cref="BallotBox"/>'s).</summary>
internal static class PollTally
{
    /// <summary>Options by votes, most first, equal counts in the poll's order and sharing a rank (1, 1, 3).</summary>
    public static IReadOnlyList<(PollOption Option, int Votes, int Rank)> Ranked(Poll poll, PollResults results)
    {
        var counted = poll.Options
            .Select(o => (Option: o, Votes: results.Counts.FirstOrDefault(c => c.OptionId == o.Id)?.Votes ?? 0))
            .OrderByDescending(x => x.Votes)
            .ToList();
        return [.. counted.Select(x => (x.Option, x.Votes, Rank: 1 + counted.Count(y => y.Votes > x.Votes)))];
    }

    /// <summary>The option(s) with the most votes; none when nobody voted.</summary>
    public static IReadOnlyList<PollOption> Leaders(Poll poll, PollResults results)
    {
        var ranked = Ranked(poll, results);
        return ranked.Count == 0 || ranked[0].Votes == 0 ? [] : [.. ranked.Where(x => x.Rank == 1).Select(x => x.Option)];
    }

    /// <summary>"n of N members have voted" (members' ballots only), or "n members have voted" when the roster is unknown.</summary>
    public static string Participation(CultureInfo culture, PollResults results)
        => results.Members > 0
            ? Counted(culture, nameof(PollsStrings.Participation), results.Voters, results.Members)
            : Counted(culture, nameof(PollsStrings.ParticipationNoRoster), results.Ballots);

    public static string VotesLine(CultureInfo culture, int votes, int ballots)
        => Counted(culture, nameof(PollsStrings.VotesLine), votes, ballots == 0 ? 0 : (int)Math.Round(100.0 * votes / ballots, MidpointRounding.AwayFromZero));

    /// <summary>A counted phrase of the polls' resources in <paramref name="culture"/>'s words and plural rules.</summary>
    public static string Counted(CultureInfo culture, string resource, int count, params object?[] args)
        => Plural.Format(culture, PollsStrings.ResourceManager.GetString(resource, culture)!, count, args);
}
