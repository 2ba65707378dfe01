using System.Globalization;
using FutureOfCustoms.Bot.Digest;

namespace FutureOfCustoms.Bot.Polls;

/// <summary>The digest's polls section: launched in the period, closing within a week, closed with their outcome.</summary>
internal sealed class PollsDigestSource(PollStore store) : IDigestSource
{
    private static readonly TimeSpan ClosingSoon = TimeSpan.FromDays(7);

    public int Order => 40;

    public async Task<DigestSection?> ComposeAsync(DigestPeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        bool In(DateTimeOffset? at) => at >= period.Start && at < period.End;
        var polls = await store.ListAsync(cancellationToken);
        var lines = new List<string>();
        lines.AddRange(polls.Where(p => In(p.LaunchedAt) && p.Status == PollStatus.Open).Select(p => string.Format(CultureInfo.CurrentCulture, PollsStrings.Digest_Launched, p.Question)));
        lines.AddRange(polls
            .Where(p => p.Status == PollStatus.Open && p.ClosesAt is { } at && at >= period.End && at < period.End + ClosingSoon)
            .OrderBy(p => p.ClosesAt)
            .Select(p => string.Format(CultureInfo.CurrentCulture, PollsStrings.Digest_ClosingSoon, p.Question, PollCards.LocalTime(p.ClosesAt!.Value, p.TimeZone))));
        lines.AddRange(polls
            .Where(p => p.Status == PollStatus.Closed && In(p.ClosedAt) && p.Results is not null)
            .Select(p => string.Format(CultureInfo.CurrentCulture, PollsStrings.Digest_Closed, p.Question, PollCards.Outcome(p, p.Results!))));
        return lines.Count == 0 ? null : new DigestSection(PollsStrings.Digest_Title, lines, PollsStrings.Digest_Action, PollCommands.List);
    }
}
