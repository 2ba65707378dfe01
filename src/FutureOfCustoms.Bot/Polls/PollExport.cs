using System.Globalization;
using FutureOfCustoms.Bot.Exports;

namespace FutureOfCustoms.Bot.Polls;

/// <summary>The ballots as a table; an anonymous poll's table has no voter and no time (a time could name the voter).</summary>
internal static class PollExport
{
    public static ExportTable Table(Poll poll, IReadOnlyList<Ballot> ballots)
    {
        string Choices(Ballot ballot) => string.Join("; ", poll.Options.Where(o => ballot.Choices.Contains(o.Id)).Select(o => o.Text));

        if (poll.Anonymous)
        {
            // Sorted by content, so the order says nothing about the keyed hashes either.
            var rows = ballots.Select(Choices).Order(StringComparer.Ordinal)
                .Select((choices, i) => (IReadOnlyList<string?>)[(i + 1).ToString(CultureInfo.InvariantCulture), choices])
                .ToList();
            return new ExportTable(PollsStrings.Export_Sheet, [PollsStrings.Export_Ballot, PollsStrings.Export_Choices], rows);
        }

        return new ExportTable(
            PollsStrings.Export_Sheet,
            [PollsStrings.Export_Voter, PollsStrings.Export_Choices, PollsStrings.Export_CastAt],
            [.. ballots.OrderBy(b => b.VoterName, StringComparer.CurrentCulture)
                .Select(b => (IReadOnlyList<string?>)[b.VoterName, Choices(b), b.CastAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)])]);
    }
}
