using System.Globalization;
using FutureOfCustoms.Bot.Digest;

namespace FutureOfCustoms.Bot.Discussion;

/// <summary>The digest's discussion section: answers written or edited in the period, per question, and participation so far.</summary>
internal sealed class DiscussionDigestSource(DiscussionStore store) : IDigestSource
{
    public int Order => 40;

    public async Task<DigestSection?> ComposeAsync(DigestPeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var lines = new List<string>();
        string? title = null;
        foreach (var set in await store.ListAsync(cancellationToken))
        {
            // The period's versions only: an answer counts as new when its first version is in the period, and as
            // edited (once) when any later one is.
            var (activity, participation) = await store.ActivityAsync(set.Name, period.Start, period.End, cancellationToken);
            var active = set.Questions.Select(q =>
            {
                var ofQuestion = activity.Where(a => a.Question == q.Number).ToList();
                return (q.Number, New: ofQuestion.Count(a => a.IsFirst), Edited: ofQuestion.Where(a => !a.IsFirst).Select(a => a.AuthorKey).Distinct(StringComparer.Ordinal).Count());
            }).Where(q => q.New + q.Edited > 0).ToList();
            if (active.Count == 0)
            {
                continue;
            }

            title = title is null ? string.Format(CultureInfo.CurrentCulture, DiscussionStrings.Digest_Title, set.Title) : DiscussionStrings.Digest_TitleSeveral;
            lines.AddRange(active.Select(q => DiscussionCounts.DigestQuestion(CultureInfo.CurrentUICulture, q.Number, q.New, q.Edited)));
            lines.Add(DiscussionCounts.DigestParticipation(CultureInfo.CurrentUICulture, set.Title, participation.Delegates, participation.Administrations));
        }

        return title is null ? null : new DigestSection(title, lines, DiscussionStrings.Digest_Action, "discussion.show");
    }
}
