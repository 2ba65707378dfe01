using System.Globalization;
using FutureOfCustoms.Bot.Digest;
using FutureOfCustoms.Bot.Knowledge.Catalogue;
using FutureOfCustoms.Bot.Localization;

namespace FutureOfCustoms.Bot.Knowledge.Answers;

/// <summary>The digest's knowledge section: the most asked questions, those the documents could not answer, and documents added.</summary>
internal sealed class KnowledgeDigestSource(QuestionLog questions, AddedDocumentLog additions) : IDigestSource
{
    public const int MostAskedCount = 5;

    public int Order => 50;

    public async Task<DigestSection?> ComposeAsync(DigestPeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var asked = await questions.ListAsync(period.Start, period.End, cancellationToken);
        var added = await additions.ListAsync(period.Start, period.End, cancellationToken);
        if (asked.Count == 0 && added.Count == 0)
        {
            return null;
        }

        var lines = new List<string>();
        var groups = asked.GroupBy(q => q.Normalized)
            .Select(g => (Latest: g.MaxBy(q => q.AskedAt)!, Count: g.Count(), Answered: g.Any(q => q.Answered)))
            .OrderByDescending(g => g.Count).ThenByDescending(g => g.Latest.AskedAt)
            .ToList();
        if (groups.Count > 0)
        {
            lines.Add(Plural.Format(CultureInfo.CurrentUICulture, KnowledgeStrings.Digest_Asked, asked.Count));
            lines.AddRange(groups.Take(MostAskedCount).Select(g => string.Format(CultureInfo.CurrentCulture, KnowledgeStrings.Digest_QuestionLine, g.Latest.Text, g.Count)));
        }

        var unanswered = groups.Where(g => !g.Answered).ToList();
        if (unanswered.Count > 0)
        {
            lines.Add(KnowledgeStrings.Digest_UnansweredHeading);
            lines.AddRange(unanswered.Select(g => string.Format(CultureInfo.CurrentCulture, KnowledgeStrings.Digest_QuestionLine, g.Latest.Text, g.Count)));
        }

        lines.AddRange(added.Select(d => Plural.Format(CultureInfo.CurrentUICulture, KnowledgeStrings.Digest_Added, d.Passages, d.FileName)));
        return new DigestSection(KnowledgeStrings.Digest_Title, lines, KnowledgeStrings.Digest_Action, CatalogueCommand.BlocksVerb);
    }
}
