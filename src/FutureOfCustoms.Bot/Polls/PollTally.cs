using System.Globalization;

namespace FutureOfCustoms.Bot.Polls;

/// <summary>Reading results: ranking, leaders, participation and the bars (the counting is <see cref="BallotBox"/>'s).</summary>
internal static class PollTally
{
    /// <summary>Options by votes, most first; equal counts keep the poll's order.</summary>
    public static IReadOnlyList<(PollOption Option, int Votes)> Ranked(Poll poll, PollResults results)
        => [.. poll.Options
            .Select(o => (Option: o, Votes: results.Counts.FirstOrDefault(c => c.OptionId == o.Id)?.Votes ?? 0))
            .OrderByDescending(x => x.Votes)];

    /// <summary>The option(s) with the most votes; none when nobody voted.</summary>
    public static IReadOnlyList<PollOption> Leaders(Poll poll, PollResults results)
    {
        var ranked = Ranked(poll, results);
        return ranked.Count == 0 || ranked[0].Votes == 0 ? [] : [.. ranked.TakeWhile(x => x.Votes == ranked[0].Votes).Select(x => x.Option)];
    }

    /// <summary>"n of N members have voted", or "n ballots" when the roster is unknown.</summary>
    public static string Participation(int ballots, int members)
        => members > 0
            ? string.Format(CultureInfo.CurrentCulture, PollsStrings.Participation, ballots, members)
            : string.Format(CultureInfo.CurrentCulture, PollsStrings.ParticipationNoRoster, ballots);

    /// <summary>A text bar of block characters: readable in every client, no images.</summary>
    public static string Bar(int votes, int ballots)
    {
        const int Width = 20;
        var filled = ballots == 0 ? 0 : (int)Math.Round(Width * (double)votes / ballots, MidpointRounding.AwayFromZero);
        return new string('█', filled) + new string('░', Width - filled);
    }

    public static string VotesLine(int votes, int ballots)
        => string.Format(CultureInfo.CurrentCulture, PollsStrings.VotesLine, votes, ballots == 0 ? 0 : (int)Math.Round(100.0 * votes / ballots, MidpointRounding.AwayFromZero));
}
